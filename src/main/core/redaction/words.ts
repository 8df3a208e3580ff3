// Word lists shared by the detectors. Kept as data so a false positive seen in review can be fixed
// by adding a word rather than by changing a rule.

const set = (words: string) =>
  new Set(
    words
      .trim()
      .split(/\s+/)
      .map((w) => w.toLowerCase()),
  );

/**
 * Capitalised words that the language library sometimes tags as a person or place but that never
 * identify anyone in a counseling transcript: pronouns, sentence-start fillers, kinship and role
 * words, therapy vocabulary, calendar words, faith words.
 */
export const neverPii = set(`
  i me my mine you your he him his she her they them their we us our it its
  i'm i've i'll i'd you're we're they're it's that's there's here's what's
  okay ok well yeah yes no so um uh hmm oh right sure alright hi hello hey thanks thank bye
  really just like maybe actually honestly anyway anyways and but because then now
  let let's after before also in on at the a an to of for with mmh mhmm mm-hmm
  mm mmm mmmm mhm hm uh-huh um-hmm er ah ahh aw aww eh ehh ugh wow yay oops omg lol haha phew
  geez jeez gosh dang darn yikes ooh nope yep yup nah dude man cheers congrats anytime whelp
  absolutely exactly definitely totally seriously basically literally sorry please
  there everyone everybody all guys folks what why how when where who which
  am pm ams pms type
  mom mum mommy mummy dad daddy mother father sister brother son daughter wife husband partner
  grandma grandpa granny nana auntie aunt uncle cousin baby boyfriend girlfriend friend boss
  therapist counselor counsellor client patient doctor dr nurse psychiatrist psychologist coach
  cbt dbt act emdr mi ptsd ocd adhd gad phq phq-9 gad-7 sud suds
  monday tuesday wednesday thursday friday saturday sunday weekend today tomorrow yesterday
  january february march april may june july august september october november december
  christmas easter thanksgiving halloween ramadan
  god lord jesus christ allah bible church heaven hell
  english british american internet facebook instagram google zoom twitter tiktok whatsapp
  aa na al-anon
`);

/** Titles that belong to the name they precede ("Dr. Patel" is redacted whole). */
// Looked up without the trailing dot. Kin words ("Sister", "Father") are left out on purpose:
// "my sister Emily" must not redact "sister".
export const honorifics = set('dr mr mrs ms miss mx prof professor rev');

/** Street types that end an address ("42 Elm Street", "12B Baker St."). */
export const streetTypes = [
  'Street',
  'St',
  'Road',
  'Rd',
  'Avenue',
  'Ave',
  'Lane',
  'Ln',
  'Drive',
  'Dr',
  'Boulevard',
  'Blvd',
  'Court',
  'Ct',
  'Place',
  'Pl',
  'Way',
  'Close',
  'Crescent',
  'Terrace',
  'Grove',
  'Gardens',
  'Square',
  'Sq',
  'Parkway',
  'Pkwy',
  'Highway',
  'Hwy',
  'Circle',
  'Cir',
  'Row',
  'Mews',
  'Walk',
  'Hill',
  'Park',
];

/** Organisation words that make an organisation a place someone can be found at (school, hospital). */
export const placeLikeOrgWords = set(`
  school academy college university hospital clinic centre center church mosque synagogue temple
  prison jail shelter hospice surgery practice
`);

export const monthPattern =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

export const monthIndex = (name: string): number => {
  const key = name.slice(0, 3).toLowerCase();
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(key);
};

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Crisis lines and public help sites a counselor gives out. They identify nobody, and removing
 * them would teach the model to leave crisis resources out, which the safety review forbids.
 * Numbers as digits only; sites as host names (any page under them).
 */
export const publicNumbers = new Set([
  '988',
  '741741',
  '116123',
  '18002738255',
  '18007997233',
  '911',
  '999',
  '112',
  '111',
  '08457909090',
  '0800111111',
]);
export const publicSites = [
  '988lifeline.org',
  'suicidepreventionlifeline.org',
  'crisistextline.org',
  'samaritans.org',
  'mind.org.uk',
  'nhs.uk',
  'findahelpline.com',
  'thehotline.org',
  'nami.org',
  'samhsa.gov',
  'childline.org.uk',
  'shout85258.org',
];
