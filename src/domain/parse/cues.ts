/**
 * Word cues for reading free text: how a meeting happened, whether a development visit failed
 * and why, who said what, what happens next, where it was. Shared by the report parsers.
 */
export type MeetingMethod = 'in_person' | 'phone' | 'video' | 'other';

const VIDEO = /视频|腾讯会议|飞书会议|钉钉会议|飞书视频|线上会议|线上沟通|远程会议|网络会议|zoom|teams|webex|video|online meeting/iu;
// "打电话约了…" is how a visit was arranged, not how it happened.
const PHONE_ARRANGING = /(?:打|通|去)?电话里?(?:约|预约|确认时间|联系好)/gu;
const PHONE = /电话|通话|致电|打给|phone|\bcall(?:ed)?\b/iu;
const STRONG_IN_PERSON = /上门|当面|面谈|见面|面访|登门|实地|现场|in person|on[- ]site|face[- ]to[- ]face/iu;
const IN_PERSON = /拜访|到访|来访|去了|过去|面聊|见了|见到|(?:今天|昨天|前天|上午|下午|早上|刚才?|周[一二三四五六日])去(?!年)|visited|\bmet\b|meeting at/iu;
const OTHER = /微信|邮件|email|e-mail|wechat|短信|sms|\bqq\b/iu;

/** The meeting method named in the text, or null when it says nothing about it. */
export function detectMethod(text: string): MeetingMethod | null {
  const t = text.replace(PHONE_ARRANGING, '');
  if (VIDEO.test(t)) return 'video';
  if (STRONG_IN_PERSON.test(t)) return 'in_person';
  if (PHONE.test(t)) return 'phone';
  if (IN_PERSON.test(t)) return 'in_person';
  if (OTHER.test(t)) return 'other';
  return null;
}

const FAILED =
  /失败|没(?:有)?谈成|未谈成|谈崩|(?<!没|没有|未|不|并未|并没有)拒绝|婉拒|(?:没有|没|无|暂无)(?:合作|采购)?意向|不感兴趣|没(?:有)?兴趣|暂不考虑|暂时不考虑|不考虑|没戏|黄了|没成功|未成功|不成功|没拿下|丢单|\bfail(?:ed|ure)?\b|\breject(?:ed)?\b|\bdeclined\b|turned (?:us )?down|not interested|no interest|lost (?:the )?deal/iu;
const SUCCEEDED =
  /(?<!没|没有|未|不)(?:成功|谈成|签约|签了|签单|拿下|成交)|达成(?:合作|一致|协议|意向)|(?<!没|无|暂无|没有)有(?:合作|采购)?意向|意向(?:很|比较)?(?:强|明确)|同意(?:合作|采购|试用)|\bsuccess(?:ful)?\b|\bsigned\b|closed the deal|\bagreed\b/iu;

export type Outcome = 'success' | 'failed';

export function detectOutcome(text: string): Outcome | null {
  if (FAILED.test(text)) return 'failed';
  if (SUCCEEDED.test(text)) return 'success';
  return null;
}

const REASON_WORD = /(?:失败|没谈成|未成功)?原因(?:是|为|主要是)?[:：]?|因为|由于|主要是|because(?: of)?|due to|reason(?: is|:)?/iu;

/**
 * Why a development visit failed, as the user put it: the words after 因为/原因是/because, else
 * what follows the failure in the same sentence ("客户无意向，已有固定供应商" → "已有固定供应商").
 */
export function extractFailureReason(text: string): string | null {
  for (const sentence of text.split(/[。！？!?；;\n]+/u)) {
    const f = FAILED.exec(sentence);
    const r = REASON_WORD.exec(sentence);
    if (r && (f || /原因/u.test(r[0]))) {
      const v = tidyReason(sentence.slice(r.index + r[0].length));
      if (v) return v;
    }
    if (f) {
      const after = sentence.slice(f.index + f[0].length).replace(/^[了啦的。，,\s]+/u, '');
      const v = tidyReason(after);
      if (v) return v;
    }
  }
  return null;
}

const tidyReason = (s: string): string =>
  s
    .replace(/^[\s:：,，、]+/u, '')
    .replace(/^(?:对方|客户|他们|他|她)?(?:说|表示|讲|称)[:：,，]?/u, '')
    .replace(/[\s,，。；;]+$/u, '')
    .trim();

// Someone on the customer's side saying or feeling something.
const SPEAKER =
  /(?:客户|对方|甲方|他们|他|她|领导|[\p{Script=Han}]{0,2}(?:经理|主任|处长|科长|部长|局长|院长|所长|厂长|书记|老板|主管|老师|董事长)|[\p{Script=Han}]{1,2}(?:总|工|处|局|科|董))(?:也|还|都|一直|明确|主要|比较|非常|很)?(?:说|表示|认为|觉得|反馈|提到|提出|希望|担心|关心|关注|要求|抱怨|嫌|想要|倾向|在意|顾虑|质疑|认可|同意|拒绝|不太?满意|很满意|对.{1,12}(?:满意|不满|认可|感兴趣|有顾虑))|\b(?:customer|client|they|he|she)\s+(?:said|says|thinks?|feels?|wants?|likes?|complained|is concerned|are concerned|asked|prefers?|worried)/iu;

export const isCustomerView = (clause: string): boolean => SPEAKER.test(clause);

const NEXT_STEP =
  /下一步|接下来|后续|(?:我们?|我方)?回去(?:后|以后)?(?:要|准备|整理|做|申请|研究|讨论|商量|汇报|问问|确认)|^(?:我们?|我方)?(?:准备|计划|打算|需要|要|会|将)(?!.*了$)|(?:我们?|我方)(?:会|要|将|准备|负责|尽快)|跟进|尽快|发(?:送|个|一份|过去)?(?:方案|资料|报价|合同|样品|技术文档)|出(?:个|一版)?(?:方案|报价)|安排(?:技术|工程师|演示|试用)|\bnext steps?\b|follow[ -]?up|\bwill (?:send|prepare|arrange|follow)|\bto ?do\b|action items?/iu;

export const isNextStep = (clause: string): boolean => NEXT_STEP.test(clause.trim());

// Clause talks about meeting again ("下周三再去", "约了3号见面").
export const VISIT_INTENT =
  /下次|下一次|再去|再来|再约|再拜访|再访|再过去|再见面|再聊|再谈|复访|回访|拜访|见面|面谈|上门|约了|约好|约在|约定|碰面|过去一趟|去一趟|\bvisit\b|\bmeet(?:ing)?\b|see them again/iu;
export const NEXT_VISIT_WORD = /下次|下一次|next (?:visit|meeting)/iu;
// Tense: the clause reports something done.
export const PAST_MARKER = /了|过(?!去)|已经|已|刚刚|刚才|昨天|前天|上周|visited|\bmet\b|\bwas\b|\bwere\b|\bdid\b/u;

const PLACE_WORDS =
  '大厦|总部|公司|工厂|科|部|厂区|厂|办公室|会议室|园区|中心|基地|工地|现场|大楼|酒店|宾馆|餐厅|饭店|楼|室|店|局|院|展厅|商务室|office|hq|headquarters|plant|factory|site|building|room|centre|center|hotel';
const PLACE_SUFFIX = new RegExp(`(?:${PLACE_WORDS})$`, 'iu');

// "商务室介绍了新产品" → "商务室": keep up to the last place word when there is one.
function cutAtPlaceWord(s: string): string {
  return new RegExp(`^(.*(?:${PLACE_WORDS}))`, 'iu').exec(s)?.[1] ?? s;
}

/** Where it happened, from "在X和王总…" / "去了X总部" / "at their Beijing office". */
export function findPlace(text: string): string | null {
  const at = /(?<![现正还存实不所好])在([^，。；,;!！?？\s\p{Extended_Pictographic}]{2,20}?)(和|跟|与|同|见了?|拜访|开了?会|谈|聊|面谈|碰面|沟通|交流|座谈|接待|吃饭|汇报|介绍|演示|参观|调研|[，。；,;\s\p{Extended_Pictographic}]|$)/u.exec(text);
  if (at && !/^(?:[上下中]午|早上|晚上|今天|昨天|明天|这|那|电话|视频|线上|微信|会上)/u.test(at[1]!)) {
    // Ended by punctuation, the capture may run on into what happened there.
    return /^[，。；,;\s]?$/u.test(at[2] ?? '') || /\p{Extended_Pictographic}/u.test(at[2] ?? '') ? cutAtPlaceWord(at[1]!) : at[1]!;
  }
  const went = /(?:去了|到了|来到|前往|去|到)([^，。；,;!！?？\s\p{Extended_Pictographic}]{2,15}?)(?:拜访|见|和|跟|开会|[，。；,;\s\p{Extended_Pictographic}]|$)/u.exec(text);
  if (went && PLACE_SUFFIX.test(went[1]!)) return went[1]!;
  const en = /\bat (?:the |their |our |his |her )?([A-Za-z][\w .'-]{1,40}?)(?=[,.;]| with | and | on | at | yesterday| today| this | last |\s\d|$)/iu.exec(text);
  if (en && PLACE_SUFFIX.test(en[1]!.trim())) return en[1]!.trim();
  return null;
}
