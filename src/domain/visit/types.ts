/**
 * The visit and reception records as stored (domain.md §3.2, §3.3). Instants are ISO strings in
 * JSON; money is integer fen. Labels for every closed value set live here so cards and replies
 * say the same thing.
 */
import { STATE } from '../glossary.js';
import { i18n, type I18nText } from '../i18n.js';

export const MATERIALS = ['brochure', 'discount', 'small_gift', 'vehicle', 'premium_gift', 'tote_bag'] as const;
export type Material = (typeof MATERIALS)[number];
export const MATERIAL_LABEL: Record<Material, I18nText> = {
  brochure: i18n('宣传册', 'Brochures'),
  discount: i18n('折扣确认书', 'Discount confirmation'),
  small_gift: i18n('小礼品', 'Small gifts'),
  vehicle: i18n('车辆', 'Vehicle'),
  premium_gift: i18n('贵重礼品', 'Premium gifts'),
  tote_bag: i18n('手提袋', 'Tote bags'),
};

export const FIRST_CONTACTS = ['letter', 'phone', 'email'] as const;
export type FirstContact = (typeof FIRST_CONTACTS)[number];
export const FIRST_CONTACT_LABEL: Record<FirstContact, I18nText> = {
  letter: i18n('信函', 'Letter'),
  phone: i18n('电话', 'Phone'),
  email: i18n('电子邮件', 'Email'),
};

export interface MaterialLine {
  item: Material;
  quantity: number;
  /** 'YYYY-MM-DD' the material must be ready by. */
  dueOn: string | null;
  ownerId: string | null;
}

export interface VisitPlan {
  place: string;
  purpose: string;
  /** Our people (open ids), the requester included or not. */
  attendees: string[];
  /** The customer's people to meet, by name as in the archive, with their buyer roles at planning time. */
  contacts: { name: string; roles: string[] }[];
  /** Set when this is the first contact with the customer. */
  firstContact: FirstContact | null;
  materials: MaterialLine[];
  budgetFen: number;
}

export const VISIT_METHODS = ['in_person', 'phone', 'video', 'other'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const VISIT_METHOD_LABEL: Record<VisitMethod, I18nText> = {
  in_person: i18n('面谈', 'In person'),
  phone: i18n('电话', 'Phone'),
  video: i18n('视频', 'Video'),
  other: i18n('其他', 'Other'),
};

export const OUTCOMES = ['success', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABEL: Record<Outcome, I18nText> = { success: i18n('成功', 'Successful'), failed: i18n('未成功', 'Failed') };

/** The visit record (客户拜访记录表, §3.3.3 四.4) as confirmed. */
export interface VisitRecordFields {
  time: string | null;
  place: string | null;
  method: VisitMethod | null;
  /** The customer's people met, "王总、采购部李经理" (records from before this field have none). */
  people?: string | null;
  points: string | null;
  customerView: string | null;
  nextSteps: string | null;
  nextVisitAt: string | null;
  nextVisitText: string | null;
  outcome: Outcome | null;
  failureReason: string | null;
}

/** Record fields, by the key the draft card marks them with. */
export type VisitRecordKey = 'time' | 'place' | 'method' | 'people' | 'points' | 'customerView' | 'nextSteps' | 'nextVisitAt' | 'outcome' | 'failureReason';

/**
 * Where a draft's values came from, so the preview says what to check first: `guessed` were
 * read from unlabelled text, `fromPlan` filled from the approved plan. Kept on the draft only.
 */
export interface DraftMarks<K extends string = VisitRecordKey> {
  guessed: K[];
  fromPlan: K[];
}

/** A visit record draft: the record's fields plus where they came from. */
export type VisitRecordDraftFields = VisitRecordFields & { marks?: DraftMarks };

export const FOLLOW_UP_METHODS = ['phone', 'visit', 'other'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];
export const FOLLOW_UP_METHOD_LABEL: Record<FollowUpMethod, I18nText> = {
  phone: i18n('电话回访', 'By phone'),
  visit: i18n('上门回访', 'Visit'),
  other: i18n('其他', 'Other'),
};

export interface FollowUpFields {
  method: FollowUpMethod | null;
  opinion: string | null;
  satisfaction: number | null;
  /** The customer's people spoken to, "王总" (follow-ups from before this field have none). */
  people?: string | null;
}

export type FollowUpKey = 'method' | 'opinion' | 'satisfaction' | 'people';

/** A follow-up draft: the follow-up's fields plus where they came from (as a visit record draft). */
export type FollowUpDraftFields = FollowUpFields & { marks?: DraftMarks<FollowUpKey> };

export interface ReceptionPlan {
  guests: string;
  venue: string;
  /** Our hosts (open ids): the manager and the lead person; the assistant serves. */
  hosts: string[];
  meals: string | null;
  /** The senior leader who accompanies meals outside. */
  leaderId: string | null;
  lodging: string | null;
  budgetFen: number;
}

export interface ReceptionReportFields {
  guests: string | null;
  hosts: string | null;
  time: string | null;
  place: string | null;
  points: string | null;
  customerView: string | null;
  nextSteps: string | null;
}

export type ReceptionReportKey = keyof ReceptionReportFields;

/** A reception report draft: the report's fields plus where they came from (as a visit record draft). */
export type ReceptionReportDraftFields = ReceptionReportFields & { marks?: DraftMarks<ReceptionReportKey> };

export interface ReimbursementItem {
  item: string;
  amountFen: number;
}

export interface Receipt {
  messageId: string;
  type: 'image' | 'file';
  key: string;
  name: string | null;
}

export const VISIT_STATUS_LABEL: Record<'pending' | 'approved' | 'recorded' | 'cancelled', I18nText> = {
  pending: STATE.pending,
  approved: STATE.approved,
  recorded: STATE.recorded,
  cancelled: STATE.cancelled,
};

export const RECEPTION_STATUS_LABEL: Record<'pending' | 'approved' | 'reported' | 'cancelled', I18nText> = {
  pending: STATE.pending,
  approved: STATE.approved,
  reported: STATE.reported,
  cancelled: STATE.cancelled,
};
