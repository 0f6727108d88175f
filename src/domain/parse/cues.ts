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
const IN_PERSON = /拜访|拜方|拜仿|到访|来访|去了|过去|面聊|见了|见到|会见|座谈|吃饭|吃了个?饭|用餐|交流会|参观|送了|(?:今天|昨天|前天|上午|下午|早上|刚才?|周[一二三四五六日])去(?!年)|visited|\bmet\b|meeting at/iu;
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

// Someone on the customer's side saying or feeling something: a subject (客户, 对方, 王总, 采购),
// an adverb or two, then a verb of saying, wanting or judging, or 对X + a judgement.
const CUSTOMER_SUBJECT =
  String.raw`(?:客户|对方|甲方|他们|他|她|领导|采购|信息科|院方|厂方|[\p{Script=Han}]{0,4}?(?:经理|主任|处长|科长|部长|局长|院长|所长|厂长|书记|老板|主管|老师|董事长|总监|行长|博士|教授|医生|助理)|[\p{Script=Han}]{1,2}(?:总|工|处|局|科|董))`;
const VIEW_ADVERBS = String.raw`(?:那边|这边|方面|目前|现在|今年|明年|也|还|都|就|一直|明确|主要|普遍|基本|整体|总体|其实|比较|非常|很|特别|十分|挺|最|更|对此)*`;
const VIEW_VERB =
  String.raw`(?:说|表示|认为|觉得|感觉|反馈|反映|提到|提出|提了|问了|希望|担心|关心|关注|要求|抱怨|嫌|想要|想|倾向|在意|顾虑|质疑|认可|同意|拒绝|透露|强调|重视|看重|敏感|不太?满意|满意|不满|感兴趣|有兴趣|没兴趣|不感兴趣|无意向|有意向|没有意向|在用|正在考虑|在考虑|考虑|的意思|的想法|的态度|的看法|印象深刻|建议|需要|打算|准备)`;
const VIEW_ABOUT = String.raw`对.{1,16}?(?:满意|不满|认可|感兴趣|有兴趣|有顾虑|有疑问|有异议|敏感|关心|关注|在意|重视|印象深刻|要求高|要求很高|不了解|比较认可|没兴趣|有意见)`;
const SPEAKER = new RegExp(
  String.raw`(?:^|[^我])${CUSTOMER_SUBJECT}${VIEW_ADVERBS}(?:${VIEW_VERB}|${VIEW_ABOUT})` +
    String.raw`|^(?:反响|反馈|评价|印象|口碑|态度)` +
    // The customer as the subject: their situation is part of their view ("对方现有合同明年到期").
    String.raw`|^(?:对方|客户|甲方)(?!.*(?:拜访|见面|见了))` +
    String.raw`|(?:偏高|偏贵|太贵|太高|偏低|太慢|太长)` +
    String.raw`|\b(?:customer|client|they|he|she|the (?:team|customer|client))\s+(?:said|says|thinks?|feels?|wants?|likes?|liked|loved|complained|confirmed|asked|prefers?|worried|mentioned|expects?|hopes?|(?:is|are|was|were)\s+(?:concerned|worried|positive|negative|happy|unhappy|interested|keen|impressed|not)|(?:is|are|was|were)\s+\w+\s+(?:concerned|positive|happy|interested|impressed))` +
    String.raw`|\b(?:was|were)\s+(?:positive|negative|impressed|keen|interested)\b`,
  'iu',
);

export const isCustomerView = (clause: string): boolean => SPEAKER.test(clause);

const NEXT_STEP =
  /下一步|下步|接下来|后续|(?:我们?|我方)?回去(?:后|以后)?(?:要|准备|整理|做|申请|研究|讨论|商量|汇报|问问|确认|评估|测算|写|出)|^(?:我们?|我方)?(?:准备|计划|打算|需要|要|会(?![见议谈上后面])|将|争取)(?!.*了[，,。；;\s]*$)|(?:我们?|我方|我司)(?:会|要|将|准备|负责|尽快|答应|承诺|负责|打算|计划|争取)|(?:答应|承诺)(?:下周|明天|尽快|会|给|派|提供|在)|跟进|尽快|发(?:送|个|一份|过去)?(?:方案|资料|报价|合同|样品|技术文档)|出(?:个|一版)?(?:方案|报价)|安排(?:技术|工程师|演示|试用)|\bnext steps?\b|follow[ -]?up|\b(?:i|we)'ll\b|\b(?:we|i) (?:will|shall|need to|plan to|are going to)\b|^will\b|\bwill (?:send|prepare|arrange|follow|check)|\bto ?do\b|action items?/iu;

// "下周把报价发过去", "我这周把样品寄过去", "这周五前提交": a time ahead and something we do.
const PLANNED_ACTION =
  /^(?:我们?|我方)?(?:这周|本周|下个?月|下周[一二三四五六日天]?|下下周|明天|后天|今晚|周末|月底前?|年底前?|近期|尽快|过两天|回头|随后|(?:下周|这周|本周)?[一二三四五六日天]?前)[^了]*?(?:把|给|发|寄|送|出|准备|整理|安排|申请|提供|做|报|补|提交|约|联系|确认|落实|推进|跟|问|再)/u;

export const isNextStep = (clause: string): boolean => NEXT_STEP.test(clause.trim()) || PLANNED_ACTION.test(clause.trim());

/** A clause that names our side as who acts: it starts a new thought, whatever came before. */
export const startsWithOurSide = (clause: string): boolean =>
  /^(?:但|但是|不过|同时|另外)?(?:我们?|我方|我司|公司|下一步|接下来|后续|回去|存在|估计|看来|判断|预计|下个?月|下周|明天|后天|\b(?:we|i|our)\b)/iu.test(clause.trim());

/** Strong cues of a promise we made (答应, 承诺), even inside a sentence about the customer. */
export const isPromise = (clause: string): boolean => /答应|承诺/u.test(clause.trim());

// Clause talks about meeting again ("下周三再去", "约了3号见面").
export const VISIT_INTENT =
  /已约|下次|下一次|再去|再来|再约|再拜访|再访|再过去|再见面|再聊|再谈|复访|回访|拜访|见面|面谈|上门|约了|约好|约在|约定|碰面|过去一趟|去一趟|\bvisit\b|\bmeet(?:ing)?\b|see them again/iu;
export const NEXT_VISIT_WORD = /下次|下一次|next (?:visit|meeting)/iu;
// Tense: the clause reports something done.
export const PAST_MARKER = /了|过(?!去)|已经|已|刚刚|刚才|昨天|前天|上周|visited|\bmet\b|\bwas\b|\bwere\b|\bdid\b/u;

const PLACE_WORDS =
  '大厦|总部|总行|分行|支行|分公司|子公司|公司|科|部|工厂|厂区|电厂|厂|办公室|会议室|园区|中心|基地|工地|现场|大楼|酒店|宾馆|餐厅|饭店|楼|室|店|局|医院|研究院|院|展厅|商务室|研究所|所|office|hq|headquarters|plant|factory|site|building|room|centre|center|hotel|showroom|lab';
const PLACE_SUFFIX = new RegExp(`(?:${PLACE_WORDS})$`, 'iu');
const HAS_PLACE_WORD = new RegExp(`(?:${PLACE_WORDS.replace(/\|(?:所|院|厂|室|楼|店|局|科|部)(?=\||$)/g, '')})`, 'iu');

// "商务室介绍了新产品" → "商务室": keep up to the last place word when there is one.
function cutAtPlaceWord(s: string): string | null {
  return new RegExp(`^(.*(?:${PLACE_WORDS}))`, 'iu').exec(s)?.[1] ?? null;
}

// 在 as a verb prefix, not "at": 在意, 在用, 在线, 在考虑, 在接触, 在跟…
const ZAI_VERB = /^(?:意|用|线|做|谈|跟|走|考|评|接|等|聊|推|搞|忙|看|想|办|进行|准备|于|内|外|此|这|那|一起|场)/u;
// Where a meeting place ends: a connector to the people met or what was done there.
const MEET_AFTER = /^(?:和|跟|与|同|见了?|拜访|开了?会|开了个|谈|聊|面谈|碰面|沟通|交流|座谈|接待|汇报|介绍|演示|参观|调研|做了|给)/u;

/**
 * Where it happened, from "在X和王总…" / "去了X总部" / "从招行出来" / "at their Beijing office".
 * A company named alone ("去华能拜访", "拜访了字节跳动") is the customer, not a place.
 */
export function findPlace(text: string): string | null {
  for (const m of text.matchAll(/(?<![现正还存实不所好也都就又一])在([^，。；,;!！?？\s\p{Extended_Pictographic}]{2,24})/gu)) {
    const run = m[1]!;
    if (ZAI_VERB.test(run) || /^(?:[上下中]午|早上|晚上|今天|昨天|明天|电话|视频|线上|微信|会上|会后)/u.test(run)) continue;
    // "在华能总部12楼会议室拜访了王总和采购部李经理": the place ends where what was done there
    // begins, so a place word further on (采购部) does not stretch it.
    const done = /(?:拜访|会见|见了|开了?会|面谈|碰面|沟通|交流|座谈|接待|汇报|介绍|演示|参观|调研|做了)/u.exec(run.slice(2));
    const cut = cutAtPlaceWord(done ? run.slice(0, done.index + 2) : run) ?? (done ? cutAtPlaceWord(run) : null);
    if (cut && cut.length >= 2 && !MEET_AFTER.test(cut)) return cut;
    // "在字节跳动和张总聊了": no place word, but the people met come right after.
    for (let i = 2; i < Math.min(run.length, 16); i++) if (/^(?:和|跟|与|同)/u.test(run.slice(i)) ) return run.slice(0, i);
  }
  const went = /(?:去了|到了|来到|前往|抵达|拜访了?|会见|去|到)([^，。；,;!！?？\s\p{Extended_Pictographic}]{2,16}?)(?:拜访|见|和|跟|开会|参观|参加|座谈|送|[，。；,;\s\p{Extended_Pictographic}]|$)/gu;
  for (const m of text.matchAll(went)) {
    const v = m[1]!.replace(/^(?:了|的)/u, '');
    if (v.length >= 2 && PLACE_SUFFIX.test(v) && HAS_PLACE_WORD.test(v) && !/^(?:公司|现场)$/u.test(v)) return v;
  }
  const from = /从([^，。；,;\s]{2,12}?)出来/u.exec(text);
  if (from) return from[1]!;
  const en = /\b(?:at|to|in) (?:the |their |our |his |her )?([A-Za-z][\w .'-]{1,40}?)(?=[,.;]| with | and | on | at | yesterday| today| this | last |\s\d|$)/giu;
  for (const m of text.matchAll(en)) if (PLACE_SUFFIX.test(m[1]!.trim())) return m[0].replace(/^(?:at|to|in) (?:the |their )?/iu, '').replace(/[,.;]$/u, '').trim();
  const visited = /\bvisited (?:the )?([A-Z][\w .'-]{1,40}?)(?=[,.;]| today| yesterday| this | with | and |$)/u.exec(text);
  if (visited && PLACE_SUFFIX.test(visited[1]!.trim())) return visited[1]!.trim();
  return null;
}
