/** What went wrong, said where it happened (sign-in, invitation, team tabs); nothing when all is well. */
export function ErrorAlert({ message, testId }: { message?: string; testId?: string }) {
  if (!message) return null;
  return (
    <p className="auth-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
