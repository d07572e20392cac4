/** A person who can be mentioned: an account of this server (or the solo person). */
export interface Person {
  id: string;
  name: string;
}

// `@` after a start, a space or punctuation (not inside an e-mail address), then a handle.
const MENTION = /(?:^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;

/** The handles written as `@name` in a comment, lower-cased, once each. */
export const mentionHandles = (body: string): string[] => {
  const handles = new Set<string>();
  for (const match of body.matchAll(MENTION))
    handles.add(match[1]!.replace(/[.-]+$/, '').toLowerCase());
  return [...handles].filter((h) => h !== '');
};

/**
 * The handles a person answers to: their whole name without spaces (`@adalovelace`), and their
 * first name (`@ada`) when no one else shares it.
 */
const handlesOf = (person: Person): string[] => {
  const words = person.name.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.length === 0 ? [] : [words.join(''), words[0]!];
};

/** The people a comment mentions (each once, never its author). */
export const mentionedPeople = (body: string, people: readonly Person[], authorId: string) => {
  const wanted = new Set(mentionHandles(body));
  if (wanted.size === 0) return [];
  const firstNames = new Map<string, number>();
  for (const person of people) {
    const first = handlesOf(person)[1];
    if (first) firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  return people.filter((person) => {
    if (person.id === authorId) return false;
    const [full, first] = handlesOf(person);
    return (
      (full !== undefined && wanted.has(full)) ||
      (first !== undefined && firstNames.get(first) === 1 && wanted.has(first))
    );
  });
};
