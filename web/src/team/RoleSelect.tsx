import type { Role } from './team-api';

/** A choice of role, each option named as the server names it (member, invitation, token). */
export function RoleSelect({
  roles,
  value,
  onChange,
  label,
  testId,
  title,
  disabled,
}: {
  roles: readonly Role[];
  value: Role;
  onChange(role: Role): void;
  /** The select's accessible name. */
  label: string;
  testId: string;
  title?: string;
  disabled?: boolean;
}) {
  return (
    <select
      className="field-input role-select"
      aria-label={label}
      data-testid={testId}
      value={value}
      disabled={disabled}
      title={title}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {roles.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}
