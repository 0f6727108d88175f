/**
 * The closed value sets of the archive form (客户档案表, domain.md §2.2) with the labels users
 * know from the paper form. Keys are stable identifiers stored in the database; labels may change.
 */
import { i18n, type I18nText } from '../i18n.js';

/** §3.3.3 二.5: who a contact is in the buying decision. Visits focus on economic and coach. */
export const BUYER_ROLES = ['economic', 'technical', 'user', 'paying', 'coach'] as const;
export type BuyerRole = (typeof BUYER_ROLES)[number];
export const BUYER_ROLE_LABEL: Record<BuyerRole, I18nText> = {
  economic: i18n('经济买家', 'Economic buyer'),
  technical: i18n('技术买家', 'Technical buyer'),
  user: i18n('使用买家', 'User buyer'),
  paying: i18n('实际买家', 'Paying buyer'),
  coach: i18n('教练买家', 'Coach'),
};

export const NATURES = ['listed', 'private', 'joint_venture', 'wholly_foreign', 'state_owned'] as const;
export type Nature = (typeof NATURES)[number];
export const NATURE_LABEL: Record<Nature, I18nText> = {
  listed: i18n('上市公司', 'Listed company'),
  private: i18n('私人有限公司', 'Private limited company'),
  joint_venture: i18n('中外合资', 'Sino-foreign joint venture'),
  wholly_foreign: i18n('外商独资', 'Wholly foreign-owned'),
  state_owned: i18n('国营公司', 'State-owned'),
};

export const INDUSTRY_POSITIONS = ['leader', 'influential', 'medium', 'small', 'other'] as const;
export type IndustryPosition = (typeof INDUSTRY_POSITIONS)[number];
export const INDUSTRY_POSITION_LABEL: Record<IndustryPosition, I18nText> = {
  leader: i18n('同业领导者', 'Industry leader'),
  influential: i18n('具影响力', 'Influential'),
  medium: i18n('中等', 'Medium-sized'),
  small: i18n('小型厂商', 'Small player'),
  other: i18n('其他', 'Other'),
};

/**
 * The source form only says "current credit rating" (目前信用等级). A five-step letter scale is
 * what Chinese credit reports (企业信用等级) use, so staff will recognise it.
 */
export const CREDIT_RATINGS = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export type CreditRating = (typeof CREDIT_RATINGS)[number];
export const CREDIT_RATING_LABEL: Record<CreditRating, I18nText> = {
  AAA: i18n('AAA 信用极好', 'AAA excellent'),
  AA: i18n('AA 信用优良', 'AA very good'),
  A: i18n('A 信用较好', 'A good'),
  B: i18n('B 信用一般', 'B fair'),
  C: i18n('C 信用较差', 'C poor'),
};

/** Every enum's labels by value, for messages and select options. */
export const optionsOf = <T extends string>(values: readonly T[], labels: Record<T, I18nText>): { value: T; text: I18nText }[] =>
  values.map((value) => ({ value, text: labels[value] }));
