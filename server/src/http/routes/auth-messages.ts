/**
 * better-auth's refusals (organization plugin codes) said as what to do next. A code not
 * listed keeps better-auth's own message.
 */
const MESSAGES: Record<string, string> = {
  you_cannot_leave_the_organization_as_the_only_owner:
    'The only owner cannot leave the team: make someone else owner first.',
  you_cannot_leave_the_organization_without_an_owner:
    'The team needs an owner: make someone else owner first.',
  you_are_not_allowed_to_update_this_member:
    "Your role cannot change this member's role: only an owner can change an owner's role or make someone owner.",
  you_are_not_allowed_to_delete_this_member:
    'Your role cannot remove this member: only an owner can remove an owner.',
  you_are_not_allowed_to_invite_user_with_this_role:
    'Your role cannot invite someone with this role: choose a lower role, or ask an owner.',
  you_are_not_allowed_to_invite_users_to_this_organization:
    'Your role cannot invite people: ask an admin or owner.',
  you_are_not_allowed_to_cancel_this_invitation:
    'Your role cannot cancel this invitation: ask an admin or owner.',
  user_is_already_a_member_of_this_organization:
    'That address already belongs to a member of the team: change their role in the Members list instead.',
  user_is_already_invited_to_this_organization:
    'That address already has an open invitation: copy its link from the invitations list, or cancel it first.',
  invitation_not_found:
    'This invitation no longer exists (cancelled, used or expired): ask whoever invited you for a new link.',
  invitation_limit_reached:
    'The team has too many open invitations: cancel some in the Team panel first.',
  organization_membership_limit_reached: 'The team is full: remove a member first.',
  member_not_found: 'That member is no longer in the team: reload the Team panel.',
};

/** What to tell a person for a better-auth error code (lower case), or undefined to keep its own. */
export const authMessage = (code: string): string | undefined => MESSAGES[code];
