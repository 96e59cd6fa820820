// Text from the API shown to users: internal references (repository file names such as SOURCES.md or
// src/catalog/…yaml, snake_case reason codes) are the product's bookkeeping, not something a reader can act
// on. userText drops them; the API's JSON keeps them for developers.

const REPO_REF =
  /\s*\((?:[^()]*?\b(?:SOURCES\.md|DESIGN\.md|README\.md|src\/[\w./*-]+|data\/reference\/[\w./-]+)[^()]*)\)|\s*\b(?:SOURCES\.md|DESIGN\.md)\b(?:\s+known gap)?/g;

export function userText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .replace(REPO_REF, '')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
}
