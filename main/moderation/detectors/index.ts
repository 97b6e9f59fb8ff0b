/** Every clause detector, in policy order. Each is a pure function of the scan context. */
import type { Detector } from '../context';
import { offTopicDetector } from './off-topic';
import { serviceDetector } from './service';
import { campaignDetector } from './campaign';
import { commercialDetector } from './commercial';
import { profanityDetector } from './profanity';
import { threatDetector } from './threats';
import { personalAttackDetector } from './personal-attack';
import { discriminationDetector } from './discrimination';
import { sexualDetector } from './sexual';
import { privacyDetector } from './privacy';
import { illegalDetector } from './illegal';
import { copyrightDetector } from './copyright';
import { safetyDetector } from './safety';

export const DETECTORS: readonly Detector[] = [
  offTopicDetector,
  serviceDetector,
  campaignDetector,
  commercialDetector,
  profanityDetector,
  threatDetector,
  personalAttackDetector,
  discriminationDetector,
  sexualDetector,
  privacyDetector,
  illegalDetector,
  copyrightDetector,
  safetyDetector,
];
