/**
 * The scripted demo: each advance() applies one step to the world, as if time passed and people
 * (and one intruder) acted on the Page and the account outside the app. The steps exercise what the
 * app must notice: new records (CIV-1, REC-2), edits and author deletions, hiding done elsewhere,
 * and the signs of a vandalized channel (SEC-7): altered graphics, renamed page, unapproved post,
 * unknown administrator (REG-5).
 */
import { addFbComment, addFbPost, addFbUser, addTweet, editTweet } from './builders';
import { bannerPng } from './png';
import type { SeededCast } from './seed-kalispell';
import type { FbCommentState, World, XTweetState } from './state';

export interface StepInfo {
  index: number;
  name: string;
  description: string;
}

interface Memo {
  danaQuestion?: FbCommentState;
  marcusFollowUp?: FbCommentState;
  xCouncilQuestion?: XTweetState;
  intruderId?: string;
}

interface Step {
  name: string;
  description: string;
  apply(world: World, cast: SeededCast, memo: Memo, now: number): void;
}

const MIN = 60_000;

const STEPS: Step[] = [
  {
    name: 'new-activity',
    description: 'A resident posts on the Page, new comments and a reply arrive; new replies on X.',
    apply(world, cast, memo, now) {
      const sam = addFbUser(world, 'Sam Tran');
      const visitor = addFbPost(world, {
        createdMs: now - 30 * MIN,
        message: 'Found: brown lab near Lawrence Park this morning, no collar. He is safe at our place on 3rd Ave E.',
        fromId: sam,
        adminCreatorId: undefined,
      });
      addFbComment(world, { post: visitor, fromId: cast.people.jolene, message: 'Try the Flathead County animal shelter too!', createdMs: now - 20 * MIN });
      memo.danaQuestion = addFbComment(world, {
        post: cast.fb.council,
        fromId: cast.people.dana,
        message: 'Will public comment be allowed on the zoning item?',
        createdMs: now - 15 * MIN,
      });
      memo.marcusFollowUp = addFbComment(world, {
        post: cast.fb.construction,
        parent: cast.fbComments.criticism,
        fromId: cast.people.marcus,
        message: 'October 31? Last time you said August.',
        createdMs: now - 10 * MIN,
      });
      addTweet(world, {
        author: cast.xPeople.plowFan,
        text: '@kimsorensen406 @CityofKalispell agreed, it has been forever',
        createdMs: now - 12 * MIN,
        replyTo: cast.xReplies.criticism,
      });
      memo.xCouncilQuestion = addTweet(world, {
        author: cast.xPeople.resident,
        text: '@CityofKalispell will there be public comment on the zoning item?',
        createdMs: now - 8 * MIN,
        replyTo: cast.x.council,
      });
    },
  },
  {
    name: 'comment-edited',
    description: 'Marcus edits his reply on Facebook; a resident edits a reply on X (X gives the edit a new id).',
    apply(world, _cast, memo, now) {
      if (memo.marcusFollowUp) memo.marcusFollowUp.message = 'October 31? Last spring you said August. Please publish the contractor’s penalty terms.';
      if (memo.xCouncilQuestion) {
        memo.xCouncilQuestion = editTweet(world, memo.xCouncilQuestion, '@CityofKalispell will there be public comment on the zoning item (agenda item 7)?', now);
      }
    },
  },
  {
    name: 'deleted-by-author',
    description: 'Dana deletes her comment; on X the author of a reply deletes it, orphaning the reply under it.',
    apply(_world, cast, memo) {
      if (memo.danaQuestion) memo.danaQuestion.deleted = true;
      cast.xReplies.criticism.deleted = true;
    },
  },
  {
    name: 'hidden-elsewhere',
    description: 'Another admin hides the spam comment using Facebook itself, and the spam reply on X; not through the app.',
    apply(_world, cast) {
      cast.fbComments.spam.isHidden = true;
      cast.xReplies.spam.hidden = true;
    },
  },
  {
    name: 'cover-changed',
    description: 'The Page cover photo and the X banner are replaced with different images.',
    apply(world) {
      world.addAsset('fb-cover-2.png', bannerPng(82, 31, [200, 30, 30], [20, 20, 20], 4));
      world.fbPage.coverAsset = 'fb-cover-2.png';
      world.fbPage.coverId = world.fbNumber();
      world.addAsset('x-banner-2.png', bannerPng(90, 30, [200, 30, 30], [20, 20, 20], 5));
      const account = world.xUsers.get(world.xAccountId);
      if (account) account.bannerAsset = 'x-banner-2.png';
    },
  },
  {
    name: 'profile-changed',
    description: 'The Page name and about text are changed.',
    apply(world) {
      world.fbPage.name = 'Kalispell Community Giveaways';
      world.fbPage.about = 'Claim your free prize! Message us your login details to verify your account.';
      const self = world.fbUsers.get(world.fbPage.id);
      if (self) self.name = world.fbPage.name;
    },
  },
  {
    name: 'unknown-post',
    description: 'A post nobody at the city wrote appears on the Page (vandalism).',
    apply(world, _cast, memo, now) {
      memo.intruderId ??= addFbUser(world, 'Meta Page Support');
      addFbPost(world, {
        createdMs: now,
        message: '🎁 FREE iPhone for every Kalispell resident! Claim yours before midnight: http://kalispell-gift.example/claim',
        adminCreatorId: memo.intruderId,
      });
    },
  },
  {
    name: 'unknown-admin',
    description: 'An administrator nobody approved appears on the Page.',
    apply(world, _cast, memo) {
      memo.intruderId ??= addFbUser(world, 'Meta Page Support');
      world.fbRoles.push({ id: memo.intruderId, name: 'Meta Page Support', tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'] });
    },
  },
];

export class Timeline {
  private position = 0;
  private readonly memo: Memo = {};

  constructor(
    private readonly world: World,
    private readonly cast: SeededCast,
  ) {}

  /** Steps that can still be applied, and those already applied. */
  get steps(): StepInfo[] {
    return STEPS.map((s, index) => ({ index: index + 1, name: s.name, description: s.description }));
  }

  /** How many steps have been applied (0 = the seeded start). */
  get current(): number {
    return this.position;
  }

  /** Applies the next step; null when the script is over. */
  advance(): StepInfo | null {
    const step = STEPS[this.position];
    if (!step) return null;
    step.apply(this.world, this.cast, this.memo, this.world.now());
    this.position++;
    return { index: this.position, name: step.name, description: step.description };
  }
}
