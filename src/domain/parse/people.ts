/**
 * The customer's people a visit record says were met: "见了王总和采购部李经理", "跟刘工沟通",
 * "周主任说…", "met Zhang Wei (CTO) and Li Na". Our own colleagues ("陪同李经理", "李经理和我")
 * are not among them.
 */

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const TITLES =
  '总经理|副总经理|副总|董事长|总裁|总监|经理|主任|处长|科长|部长|局长|院长|所长|厂长|书记|主管|行长|博士|教授|医生|老师|工程师|总工|助理|专员|老板|总|工|处|董';
const GROUP = String.raw`(?:[\p{Script=Han}A-Za-z]{1,5}?(?:部|科|处|团队|小组|中心)(?:的人|的同事|的领导)?|对接人|负责人|采购|HR)`;
const PERSON = String.raw`(?:[\p{Script=Han}]{0,5}?(?:部|科|处|中心)?(?:[${SURNAMES}](?:${TITLES})|(?:${TITLES.replace(/\|(?:总|工|处|董)(?=\||$)/gu, '')}))|(?:助理|秘书)?小[${SURNAMES}]|${GROUP})`;
// "见了X", "跟X聊", "和X见面", "会见了X", "给X打电话"; X may be a list joined by 和/、/及.
const LIST = String.raw`(?:[^，。,；;\s了见跟和与拜]{1,8}?的)?${PERSON}(?:(?:和|、|及|以及|与|跟)(?:[^，。,；;\s了见跟和与拜]{1,8}?的)?${PERSON})*`;
const MET = new RegExp(String.raw`(?<!没|未|没有)(?:见了|见到了?|会见了?|拜访了?|约见了?|联系了?|致电|跟|和|与|同|给)(${LIST})(?=聊|谈|沟通|微信|电话|视频|交流|座谈|见|面谈|开会|开了|一起|吃|打|过了|简单|对接|碰|商量|讨论|确认|了解|[，。,；;\s]|$)`, 'gu');
const SPEAKS = new RegExp(String.raw`(?:^|[，。,；;\s])(?:对方)?(${PERSON})(?:也|还|都|一直|明确|主要|比较|非常|很|最)*(?:说|表示|认为|觉得|提到|提出|希望|担心|关心|要求|透露|强调|建议|的意思|对)`, 'gu');
const OURS = /(?:陪同|陪着|带着|和我|我和|同事|领导)\s*$/u;

const EN = [
  /\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+[A-Z][a-z]+/gu,
  /\bmet\s+((?:[A-Z][a-z]+ ){1,2}(?=\())/gu,
  /\b(?:met|and)\s+([A-Z][a-z]+ [A-Z][a-z]+)(?=\s*\(|\s+at\b|\s+from\b|,)/gu,
  /\b(?:called|met|call with|meeting with)\s+the\s+([a-z]+ (?:lead|manager|director|head|team))\b(?!,? (?:Mr|Mrs|Ms|Dr)\b)/giu,
];

const tidy = (name: string): string =>
  name
    .replace(/(?:的人|的同事|的领导)$/u, '')
    .replace(/^(?:[^，。,；;\s的]{1,10}的)/u, '')
    .replace(/^(?:他们|对方|客户|我们)/u, '')
    .trim();

function splitList(s: string): string[] {
  return s.split(/和|、|及|以及|与|跟/u).map(tidy).filter((x) => x.length >= 2 || /^[A-Z]/.test(x));
}

export function findPeople(text: string): string[] | null {
  const out: string[] = [];
  const add = (name: string) => {
    const n = name.trim();
    if (!n || out.some((o) => o.includes(n) || n.includes(o))) return;
    out.push(n);
  };
  for (const m of text.matchAll(MET)) {
    if (OURS.test(text.slice(Math.max(0, m.index - 3), m.index + (m[0].length - m[1]!.length)))) continue;
    splitList(m[1]!).forEach(add);
  }
  for (const m of text.matchAll(SPEAKS)) {
    const before = text.slice(Math.max(0, m.index - 4), m.index + 1);
    if (OURS.test(before)) continue;
    add(tidy(m[1]!));
  }
  for (const re of EN) for (const m of text.matchAll(re)) add((m[1] ?? m[0]).trim());
  return out.length ? out : null;
}
