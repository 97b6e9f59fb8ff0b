/**
 * The demo city's starting state: a Kalispell-like Facebook Page and X account with a dozen posts
 * about city business and the kinds of public comments the policy speaks to: civil criticism,
 * a service complaint (CIV-2), profanity and a personal attack (CIV-6c/d), campaigning (CIV-6a)
 * and spam (CIV-6b). All people and links are invented.
 */
import { addFbComment, addFbPost, addFbUser, addTweet, addXUser } from './builders';
import { badgePng, bannerPng } from './png';
import type { FbCommentState, FbPostState, World, XTweetState, XUserState } from './state';

const HOUR = 3_600_000;

export interface SeededCast {
  cmAdminId: string;
  itAdminId: string;
  fb: Record<'council' | 'construction' | 'water' | 'parks' | 'leaves' | 'snow' | 'budget' | 'fire', FbPostState>;
  fbComments: Record<'criticism' | 'pageReply' | 'thanks' | 'complaint' | 'profane' | 'campaign' | 'spam' | 'question' | 'pageAnswer', FbCommentState>;
  people: Record<'dana' | 'marcus' | 'rita' | 'tom' | 'jolene' | 'ward3' | 'spammer', string>;
  x: Record<'council' | 'construction' | 'water' | 'snow' | 'fire', XTweetState>;
  xReplies: Record<'criticism' | 'complaint' | 'spam', XTweetState>;
  xPeople: Record<'resident' | 'plowFan' | 'spammer', XUserState>;
}

/** `pageAdmins` names the Page's two admins (the communications manager, then IT). */
export function seedKalispell(world: World, pageAdmins: readonly [string, string] = ['Jordan Reyes', 'Pat Lindqvist']): SeededCast {
  const t0 = world.now() - 72 * HOUR;
  const at = (hours: number): number => t0 + hours * HOUR;

  world.addAsset('fb-profile-1.png', badgePng(48, [0, 82, 147], [255, 255, 255]));
  world.addAsset('fb-cover-1.png', bannerPng(82, 31, [0, 82, 147], [34, 139, 34], 1));
  world.addAsset('parks-photo-1.png', badgePng(40, [34, 139, 34], [250, 235, 180]));
  world.addAsset('x-profile-1.png', badgePng(48, [0, 82, 147], [240, 240, 240]));
  world.addAsset('x-banner-1.png', bannerPng(90, 30, [0, 82, 147], [200, 200, 200], 2));
  world.addAsset('x-default-avatar.png', badgePng(24, [140, 140, 140], [220, 220, 220]));

  const pageId = world.fbNumber();
  world.fbPage = {
    id: pageId,
    name: 'City of Kalispell, Montana',
    about: 'Official page of the City of Kalispell. Comments are welcome under our Civility and Acceptable Use Policy: https://www.kalispell.example/social-media-policy',
    description: 'News and service updates from the City of Kalispell. For service requests call City Hall at 406-555-0100.',
    website: 'https://www.kalispell.example',
    username: 'CityofKalispell',
    category: 'Government organization',
    fanCount: 18_204,
    followersCount: 21_577,
    pictureAsset: 'fb-profile-1.png',
    coverAsset: 'fb-cover-1.png',
    coverId: world.fbNumber(),
  };
  world.fbUsers.set(pageId, { id: pageId, name: world.fbPage.name });
  const cmAdminId = addFbUser(world, pageAdmins[0]);
  const itAdminId = addFbUser(world, pageAdmins[1]);
  world.fbRoles.push(
    { id: cmAdminId, name: pageAdmins[0], tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'] },
    { id: itAdminId, name: pageAdmins[1], tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'] },
  );

  const people = {
    dana: addFbUser(world, 'Dana Whitfield'),
    marcus: addFbUser(world, 'Marcus Olsen'),
    rita: addFbUser(world, 'Rita Koenig'),
    tom: addFbUser(world, 'Tom Brekke'),
    jolene: addFbUser(world, 'Jolene Harper'),
    ward3: addFbUser(world, 'Friends of the Ward 3 Levy'),
    spammer: addFbUser(world, 'Cash4U Deals'),
  };

  const post = (hours: number, message: string, extra: Partial<FbPostState> = {}): FbPostState =>
    addFbPost(world, { createdMs: at(hours), message, adminCreatorId: cmAdminId, ...extra });
  const fb = {
    council: post(0, 'City Council meets Monday at 7 p.m. in Council Chambers, 201 1st Ave E. Agenda and livestream: https://www.kalispell.example/agendas'),
    construction: post(2, 'Main Street construction update: lane closures between Center St and Idaho St continue through Friday. Please plan extra travel time. Details: https://www.kalispell.example/mainstreet'),
    water: post(5, 'Water main flushing in the northwest quadrant Tuesday–Thursday. Tap water may look cloudy; run the cold tap for a few minutes until clear.'),
    parks: post(8, 'Summer registration for Parks & Recreation programs is open! Swim lessons, day camps and youth sports: https://www.kalispell.example/parks', {
      photo: { id: world.fbNumber(), asset: 'parks-photo-1.png' },
    }),
    leaves: post(12, 'Fall leaf collection starts October 14. Rake leaves to the curb line, not into the street or storm drains.'),
    snow: post(20, 'Snow plow priority routes and winter parking rules are posted at https://www.kalispell.example/snow. Odd/even parking begins December 1.'),
    budget: post(26, 'Public hearing on the proposed FY2026 budget is Monday at 7 p.m. Written comments may be sent to the City Clerk before noon that day.'),
    fire: post(30, 'Kalispell Fire Department open house Saturday 10 a.m.–2 p.m. at Station 61. Meet the crews and see the new ladder truck!'),
  };

  const comment = (p: FbPostState, fromId: string, hours: number, message: string, parent?: FbCommentState): FbCommentState =>
    addFbComment(world, { post: p, parent, fromId, message, createdMs: at(hours) });
  const criticism = comment(fb.construction, people.marcus, 3, 'This construction has dragged on since spring and downtown businesses are hurting. When will it actually be finished?');
  const question = comment(fb.parks, people.jolene, 10, 'Does registration include the swim lessons at Woodland Pool? 🏊');
  const fbComments = {
    criticism,
    pageReply: comment(fb.construction, pageId, 4, 'Thanks, Marcus. The contractor expects paving to be complete by October 31. Weekly updates: https://www.kalispell.example/mainstreet', criticism),
    thanks: comment(fb.construction, people.dana, 4.5, 'Thank you for the regular updates, very helpful.'),
    complaint: comment(fb.water, people.rita, 6, 'My trash has not been picked up on 4th Ave W for two weeks. Who do I even call about this??'),
    profane: comment(fb.budget, people.tom, 27, 'This budget is total bullshit. You people are a bunch of crooks.'),
    campaign: comment(fb.budget, people.ward3, 28, 'Vote YES on the Ward 3 parks levy on November 4! Re-elect Sandra Miles for Council!'),
    spam: comment(fb.parks, people.spammer, 9, 'Earn $500/day working from home!!! Start now 👉 http://cash4u-deals.example/join'),
    question,
    pageAnswer: comment(fb.parks, pageId, 11, 'Hi Jolene, yes: swim lessons are listed under Aquatics on the registration page.', question),
  };

  const account = addXUser(world, {
    name: 'City of Kalispell',
    username: 'CityofKalispell',
    description: 'Official account of the City of Kalispell, Montana. Not monitored 24/7: for emergencies call 911.',
    url: 'https://www.kalispell.example',
    location: 'Kalispell, MT',
    profileAsset: 'x-profile-1.png',
    bannerAsset: 'x-banner-1.png',
  });
  world.xAccountId = account.id;
  const xPeople = {
    resident: addXUser(world, { name: 'Kim Sørensen', username: 'kimsorensen406', description: '', url: '', location: 'Kalispell' }),
    plowFan: addXUser(world, { name: 'Flathead Winter Watch', username: 'flatheadwinter', description: 'Snow reports', url: '', location: '' }),
    spammer: addXUser(world, { name: 'CRYPTO GIVEAWAY', username: 'free_btc_now_77', description: '', url: '', location: '' }),
  };
  const tweet = (hours: number, text: string, author: XUserState = account, replyTo?: XTweetState): XTweetState =>
    addTweet(world, { author, text, createdMs: at(hours), replyTo });
  const x = {
    council: tweet(0.5, 'City Council meets Monday 7 p.m., Council Chambers. Agenda + livestream: https://www.kalispell.example/agendas'),
    construction: tweet(2.5, 'Main St construction: lane closures Center St–Idaho St through Friday. Allow extra time. https://www.kalispell.example/mainstreet'),
    water: tweet(5.5, 'Water main flushing NW quadrant Tue–Thu. Cloudy water? Run the cold tap a few minutes.'),
    snow: tweet(20.5, 'Plow priority routes and winter parking rules: https://www.kalispell.example/snow ❄️'),
    fire: tweet(30.5, 'Fire Dept open house Sat 10–2 at Station 61. Come meet the crews! 🚒'),
  };
  const xReplies = {
    criticism: tweet(3.5, '@CityofKalispell Friday again? This was supposed to be done in August. Downtown shops are suffering.', xPeople.resident, x.construction),
    complaint: tweet(6.5, '@CityofKalispell unrelated but there is a huge pothole on Meridian Rd by the school, please fix', xPeople.resident, x.water),
    spam: tweet(7, '@CityofKalispell 🚀 FREE BTC giveaway, claim in 5 minutes: http://free-btc.example', xPeople.spammer, x.water),
  };
  const snowQuestions = [
    'Do the plows do alleys too?', 'Is Woodland Ave a priority route?', 'When does odd/even parking end?', 'Thanks for posting this early!',
    'Can you plow the bike lanes on 2nd St?', 'Where can I see a map?', 'Are sidewalks the owner’s job?', 'What about cul-de-sacs?',
    'Great info, sharing with neighbours', 'Do you tow on the first day?', 'Is there a snow emergency hotline?', 'Will the route map be on paper at City Hall?',
  ];
  snowQuestions.forEach((q, i) => tweet(21 + i * 0.25, `@CityofKalispell ${q}`, xPeople.plowFan, x.snow));

  return { cmAdminId, itAdminId, fb, fbComments, people, x, xReplies, xPeople };
}
