/**
 * What is wrong with a name, said without repeating it (a value passed where a name goes may be a
 * pasted secret): its length and the kinds of characters it holds.
 */
export function namingProblems(value: string): string {
  const problems: string[] = [];
  if (value.length === 0) problems.push('it is empty');
  else problems.push(`${value.length} character${value.length === 1 ? '' : 's'}`);
  if (/[A-Z]/.test(value)) problems.push('capital letters');
  if (/[^A-Za-z0-9.\-_]/.test(value)) problems.push(/\s/.test(value) ? 'spaces' : 'characters other than letters, digits, "-", "_" and "."');
  if (/_/.test(value)) problems.push('"_"');
  if (/^[^a-z0-9]|[^a-z0-9]$/i.test(value)) problems.push('a first or last character that is not a letter or digit');
  return problems.join(', ');
}
