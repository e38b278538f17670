/**
 * The order the library shows the built-in scenarios in: the hiring journey, from booking the first call
 * to saying no. Scenarios not listed follow, by id.
 */
export const JOURNEY_ORDER = [
  'scheduling',
  'phone-screen',
  'pentest-technical',
  'ciso-panel',
  'after-interview',
  'offer-negotiation',
  'saying-no',
  'recruiter-middle',
];

/** Compare two scenario ids by their place in the journey. */
export function byJourney(a: string, b: string): number {
  const rank = (id: string) => {
    const at = JOURNEY_ORDER.indexOf(id);
    return at === -1 ? JOURNEY_ORDER.length : at;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
