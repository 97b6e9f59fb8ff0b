import type { InboxItem } from '../../../preload/contract';
import type { Label, StateFilter, Verdict } from '../../store/inbox';

export const VERDICT_LABEL: Record<Verdict, string> = {
  allow: 'Allow', redirect: 'Refer to department', remove: 'Remove', needs_review: 'Needs review',
};

export const STATE_LABEL: Record<StateFilter, string> = {
  waiting: 'Waiting for you', all: 'All', open: 'Open', allowed: 'Allowed', hidden: 'Hidden', removed: 'Removed', replied: 'Replied',
  with_attorney: 'With the City Attorney', gone: 'Gone from the platform',
};

/** Short names for the clause codes; the clause letters and texts come from the policy in force. */
export const CLAUSE_NAME: Record<Label, string> = {
  off_topic: 'Off topic', service_complaint: 'Service complaint', campaign: 'Campaign or ballot issue', commercial: 'Commercial',
  profane_threat_harass: 'Profane, threatening or harassing', personal_attack: 'Personal attack', discrimination: 'Discrimination',
  sexual: 'Sexual content', privacy: 'Privacy', illegal: 'Illegal activity', copyright: 'Copyright', safety_security: 'Safety or security',
};

export const ALL_LABELS = Object.keys(CLAUSE_NAME) as Label[];

export function platformName(item: Pick<InboxItem, 'platform'>): string {
  return item.platform === 'x' ? 'X' : 'Facebook';
}

/** Characters that change direction or hide themselves: worth telling the moderator about. */
export const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

/** Cuts at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
