import { describe, expect, it } from 'vitest';
import { screen } from '../../main/moderation/screen';
import { KALISPELL_POLICY } from '../../main/moderation/seed-policy';
import type { Label, Verdict } from '../../main/moderation/types';

const ROAD_POST = 'Starting Monday, 4th Avenue West will be closed for paving for two weeks, with a detour on 5th.';
const POOL_POST = 'The Woodland Park pool opens Saturday with extended weekend hours.';
const BUDGET_POST = 'The City Council adopted the FY2026 budget, including a 4% sewer rate increase.';
const ELECTION_POST = 'Ballots for the November 4 municipal election must reach the Election Office by 8 p.m.';
const TRASH_POST = 'Garbage pickup is delayed one day this week because of the holiday.';

function check(text: string, post = ROAD_POST): Verdict {
  return screen({ id: 'c', post, text }, KALISPELL_POLICY);
}

function expectLabels(v: Verdict, ...labels: Label[]): void {
  for (const l of labels) expect(v.labels, `${l} in ${JSON.stringify(v.labels)} (${v.reason})`).toContain(l);
}

function expectAllowed(v: Verdict): void {
  expect(v.labels, v.reason).toEqual([]);
  expect(v.action, v.reason).toBe('allow');
}

describe('clause positives', () => {
  it('[CIV-6] removes a comment promoting a ballot measure (6a)', () => {
    const v = check('Vote YES on Measure 7 so the library keeps its hours!', ELECTION_POST);
    expectLabels(v, 'campaign');
    expect(v.action).toBe('remove');
    expect(v.clauses.campaign).toBe('6a');
  });

  it('[CIV-6] removes a comment opposing a candidate (6a)', () => {
    expectLabels(check('Do not re-elect him. Vote for anyone else in Ward 4 this fall.', BUDGET_POST), 'campaign');
    expectLabels(check('Elect Rosa Delgado for Council, she returns every call! #Delgado4Council', ELECTION_POST), 'campaign');
  });

  it('[CIV-6] uses the policy list of current candidates (6a)', () => {
    const text = 'Support Castellano.';
    expectLabels(screen({ id: 'c', post: ELECTION_POST, text }, KALISPELL_POLICY), 'campaign');
    const without = { ...KALISPELL_POLICY, candidates: [] };
    expect(screen({ id: 'c', post: ELECTION_POST, text }, without).labels).not.toContain('campaign');
  });

  it('[CIV-6] removes commercial promotion and solicitation (6b)', () => {
    expectLabels(check('Grand opening at Big Sky Bagels this week, 10% off with code BAGEL10!'), 'commercial');
    expectLabels(check('Selling seasoned firewood, $250 a cord delivered. Text 406-555-0123.'), 'commercial');
  });

  it('[CIV-6] removes profanity, including censored, leet and spaced-out spellings (6c)', () => {
    for (const text of ['This detour is f***ing ridiculous.', 'What a load of sh1t planning.', 'f u c k this detour', 'Whoever planned this is full of bullsh!t']) {
      expectLabels(check(text), 'profane_threat_harass');
    }
  });

  it('[CIV-6] removes threats and harassment (6c)', () => {
    expectLabels(check('I know where that paving foreman lives.'), 'profane_threat_harass');
    expectLabels(check('Somebody should shoot the council for this.', BUDGET_POST), 'profane_threat_harass');
    expectLabels(check('Everyone go knock on his door tonight and tell him what you think.'), 'profane_threat_harass');
  });

  it('[CIV-6] removes personal attacks on a person (6d)', () => {
    expectLabels(check('@mike_b you are a pathetic little troll.'), 'personal_attack');
    expectLabels(check('Councilman Ortiz is a spineless weasel.', BUDGET_POST), 'personal_attack');
  });

  it('[CIV-6] removes comments promoting discrimination on a protected basis (6e)', () => {
    expectLabels(check('Keep the Somali families out of our pool.', POOL_POST), 'discrimination');
    expectLabels(check('Women shouldn\'t be allowed on the paving crew.'), 'discrimination');
  });

  it('[CIV-6] removes sexual content and links to it (6f)', () => {
    expectLabels(check('Lifeguards looking fine this year 😏🍆💦', POOL_POST), 'sexual');
    expectLabels(check('Better pics than the pool ones at hot-nude-locals.example 🔞', POOL_POST), 'sexual');
  });

  it('[CIV-6] removes comments exposing a private person (6g)', () => {
    expectLabels(check('FYI his SSN is 123-45-6789.'), 'privacy');
    expectLabels(check('The guy at 412 Birch Ave parks on the detour route. His cell is 406-555-0177.'), 'privacy');
    expectLabels(check('Jenna Moore from the pool desk has cancer, pray for her.', POOL_POST), 'privacy');
  });

  it('[CIV-6] removes comments advocating illegal activity (6h)', () => {
    expectLabels(check("Don't pay the meters downtown, nobody checks after 5."), 'illegal');
    expectLabels(check('Pro tip: drag the barricades aside at night and drive through, the crew is gone by 6.'), 'illegal');
  });

  it('[CIV-6] removes copyright violations (6i)', () => {
    expectLabels(check('The Gazette paywalled it, so here\'s the whole article: "Crews will begin..."'), 'copyright');
    expectLabels(check('Skip the library, I uploaded PDFs of the entire series for free.', POOL_POST), 'copyright');
  });

  it('[CIV-6] removes information compromising public safety or systems (6j)', () => {
    expectLabels(check('The pump station door code is still 1234#, nobody ever changed it.'), 'safety_security');
    expectLabels(check('The fence at the water tower has a gap big enough to walk through.'), 'safety_security');
  });
});

describe('CIV-2: topic and service complaints', () => {
  it('[CIV-2] removes a comment unrelated to the post it answers', () => {
    const v = check('Happy birthday to my brother Jake, 40 today!');
    expectLabels(v, 'off_topic');
    expect(v.action).toBe('remove');
    expectLabels(check('Totally unrelated, but does anyone know a good plumber?'), 'off_topic');
  });

  it('[CIV-2] keeps short on-topic replies that name no topic', () => {
    expectAllowed(check('Thanks for the heads up!'));
    expectAllowed(check('Will the sidewalk stay open?'));
  });

  it('[CIV-2] redirects a trash complaint with the Public Works contact', () => {
    const v = check('Our garbage on Maple Lane was skipped again this week. Who do I call?', TRASH_POST);
    expect(v.labels).toEqual(['service_complaint']);
    expect(v.action).toBe('redirect');
    expect(v.referral?.departmentId).toBe('public-works');
    expect(v.referral?.contact).toContain('kalispell.com');
    expect(v.reason).toContain('Public Works');
  });

  it('[CIV-2] routes a billing complaint to Utility Billing', () => {
    const v = check('My sewer bill doubled this month and nothing changed. Who in utility billing can fix this?', BUDGET_POST);
    expect(v.action).toBe('redirect');
    expect(v.referral?.departmentId).toBe('utility-billing');
  });

  it('[CIV-2] routes a records request to the City Clerk with its phone and e-mail', () => {
    const v = check('I asked for the council meeting minutes twice and never got them. Who do I contact?', BUDGET_POST);
    expect(v.labels).toContain('service_complaint');
    expect(v.referral?.departmentId).toBe('city-clerk');
    expect(v.referral?.contact).toContain('cityclerk@kalispell.com');
  });

  it('[CIV-2] treats feedback about the post as on-topic, not a complaint', () => {
    expectAllowed(check('Two weeks of detours again? Please post the exact dates next time.'));
  });
});

describe('hard negatives: protected speech stays up', () => {
  it('[CIV-6] allows angry, sarcastic criticism of the council and its decisions (6d)', () => {
    expectAllowed(check('This rate hike is highway robbery and the council should be ashamed. Every one of them owes us an explanation.', BUDGET_POST));
    expectAllowed(check("The mayor's decision to close the pool early is idiotic. Genius planning as always.", POOL_POST));
    expectAllowed(check('Absolute clown show. Paving in the middle of tourist season?'));
  });

  it('[CIV-6] allows a neutral mention of a business (6b)', () => {
    expectAllowed(check("Is Hartley's Hardware staying open during the paving? Love that store."));
  });

  it('[CIV-6] allows a neutral mention of an election date (6a)', () => {
    expectAllowed(check('Election day is November 4; polls open at 7 a.m. Just vote!', ELECTION_POST));
    expectAllowed(check('I voted for Councilmember Diaz and I regret it after this budget.', BUDGET_POST));
  });

  it('[CIV-6] allows quoting the policy itself', () => {
    const text = 'Your own policy bans "profane, obscene, threatening or harassing language" and "personal attacks of any kind", so why was my comment about the detour hidden?';
    expectAllowed(check(text));
  });

  it('[CIV-6] allows figurative violence and mild swears (6c)', () => {
    expectAllowed(check('This detour is killing my commute. Kill the project before it kills Main Street.'));
    expectAllowed(check('Damn proud of our paving crews, they work their butts off.'));
    expectAllowed(check('That new pool slide is the bomb 💥', POOL_POST));
  });

  it('[CIV-6] allows public offices\' addresses and phone numbers (6g)', () => {
    expectAllowed(check('City Hall is at 201 1st Ave E and the Clerk\'s office line is (406) 758-7756.', BUDGET_POST));
  });
});
