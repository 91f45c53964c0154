// What looks like personal data in a text bound for the chain's public, permanent record (a court
// reference, a document URI): an e-mail address, a phone number, an identity or account number,
// a person's name. Heuristics, deliberately eager: the chain cannot forget, so the CLI refuses such
// text unless told it is meant to be public (docs/PRIVACY.md).

const PATTERNS = [
  ['an e-mail address', /[^\s@/:?&=]+@[^\s@/]+\.[a-z]{2,}/i],
  ['a phone number', /\+\d[\d\s().-]{7,}\d/],
  ['an identity or account number (6 or more digits)', /(?<![\d])\d{6,}(?![\d])/],
  ['a personal field in a URI', /[?&;](name|first_?name|last_?name|surname|email|e-mail|phone|id_?number|national_?id|dob|birth)=/i],
  ['a person\'s name (two or more capitalised words)', /\b[A-Z][a-z]{1,}(?:[ .'-]+[A-Z][a-z]{1,}){1,3}\b/],
];

/**
 * The kinds of personal data `text` seems to hold, each with what matched:
 * `[{ kind: 'an e-mail address', match: 'jane@example.org' }, …]` (empty when none).
 */
export function personalDataIn(text) {
  const plain = safeDecode(String(text ?? ''));
  return PATTERNS.flatMap(([kind, pattern]) => {
    const found = pattern.exec(plain);
    return found ? [{ kind, match: found[0] }] : [];
  });
}

/** A URI's percent-escapes decoded (`Jane%20Doe`), or the text itself if it has bad escapes. */
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
