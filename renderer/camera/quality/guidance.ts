/**
 * What the citizen is told while the camera runs. Codes are stable; texts live in the small table
 * below (zh-CN and en) for the UI's i18n resources to merge under `photo.quality`. Left and right
 * are the citizen's own (see geometry.ts).
 */
export const GUIDANCE_CODES = [
  'ok',
  'no-face',
  'multiple-faces',
  'move-closer',
  'move-back',
  'move-left',
  'move-right',
  'move-up',
  'move-down',
  'straighten-head',
  'too-dark',
  'too-bright',
  'background-not-light',
  'background-not-plain',
] as const;

export type GuidanceCode = (typeof GUIDANCE_CODES)[number];

/** The i18n key of a code, e.g. `photo.quality.move-closer`. */
export function guidanceKey(code: GuidanceCode): `photo.quality.${GuidanceCode}` {
  return `photo.quality.${code}`;
}

export const GUIDANCE_ZH_CN: Readonly<Record<GuidanceCode, string>> = {
  ok: '很好，请保持不动',
  'no-face': '没有看到您的脸，请正对摄像头',
  'multiple-faces': '画面中有多于一个人，请只留一人拍照',
  'move-closer': '请靠近一点',
  'move-back': '请后退一点',
  'move-left': '请向您的左侧移动一点',
  'move-right': '请向您的右侧移动一点',
  'move-up': '请坐高或站直一点，让头部上移',
  'move-down': '请坐低一点，让头部下移',
  'straighten-head': '请把头摆正，不要歪头',
  'too-dark': '光线太暗，请正对灯光',
  'too-bright': '光线太亮，请避开强光',
  'background-not-light': '背景颜色不符合要求，请站在白色（浅色）背景前',
  'background-not-plain': '背景不够干净，请站在纯色背景前，身后不要有人或物品',
};

export const GUIDANCE_EN: Readonly<Record<GuidanceCode, string>> = {
  ok: 'Good. Please hold still.',
  'no-face': 'We cannot see your face. Please look straight at the camera.',
  'multiple-faces': 'More than one person is in the picture. Only one person, please.',
  'move-closer': 'Please come a little closer.',
  'move-back': 'Please move back a little.',
  'move-left': 'Please move a little to your left.',
  'move-right': 'Please move a little to your right.',
  'move-up': 'Please sit or stand a little taller.',
  'move-down': 'Please lower your head a little.',
  'straighten-head': 'Please hold your head straight, without tilting it.',
  'too-dark': 'It is too dark. Please face the light.',
  'too-bright': 'It is too bright. Please move out of the strong light.',
  'background-not-light': 'The background must be white or light. Please stand in front of the plain backdrop.',
  'background-not-plain': 'The background must be plain. Please make sure nothing and nobody is behind you.',
};

/** Shaped like the app's i18n resources (`photo.quality.<code>`), ready to merge. */
export const GUIDANCE_MESSAGES = {
  'zh-CN': { photo: { quality: GUIDANCE_ZH_CN } },
  en: { photo: { quality: GUIDANCE_EN } },
} as const;
