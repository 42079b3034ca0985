import * as z from 'zod/mini';
import type { Lang } from './names.js';
// zod's English messages, as zod's classic API sets them
import './zod-english.js';

/** An ISO 3166-1 alpha-2 country code in upper case: `TH`, `BR`, `JP`. */
export type CountryCode = string;

/**
 * The codes ISO 3166-1 assigns, and XK (Kosovo, user-assigned), two letters each. The list is the
 * one i18n-iso-countries has (`countries.test.ts` checks it against that package), written here so that
 * the main entry does not carry that package's tables (its names come from the platform, below).
 */
const assigned = new Set(
  (
    'ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCN' +
    'COCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM' +
    'HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMK' +
    'MLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW' +
    'SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI' +
    'VNVUWFWSXKYEYTZAZMZW'
  ).match(/../g) ?? [],
);

/**
 * The names Musubi keeps where the platform's (CLDR's short names, through `Intl.DisplayNames`) are
 * not the ones it has always shown: the official name where CLDR has a colloquial one (People's
 * Republic of China, 大韓民国), `and` and `Saint` written out (Saint Kitts and Nevis), full-width
 * brackets in Japanese, a territory's ISO name (Bonaire, Sint Eustatius and Saba). Where CLDR is the
 * more correct one it is taken: Czechia, エスワティニ, Côte d’Ivoire, Réunion, Taiwan, British Virgin
 * Islands (not ISO's inverted catalogue forms such as `Virgin Islands, British`). `countries.test.ts`
 * lists every difference from the names of i18n-iso-countries that Musubi showed before.
 */
const kept: Readonly<Record<Lang, Readonly<Record<CountryCode, string>>>> = {
  en: {
    AG: 'Antigua and Barbuda',
    BA: 'Bosnia and Herzegovina',
    BL: 'Saint Barthélemy',
    BN: 'Brunei Darussalam',
    BQ: 'Bonaire, Sint Eustatius and Saba',
    CD: 'Democratic Republic of the Congo',
    CG: 'Republic of the Congo',
    CN: "People's Republic of China",
    FK: 'Falkland Islands (Malvinas)',
    GM: 'Republic of The Gambia',
    GS: 'South Georgia and the South Sandwich Islands',
    HK: 'Hong Kong',
    HM: 'Heard Island and McDonald Islands',
    IR: 'Islamic Republic of Iran',
    KN: 'Saint Kitts and Nevis',
    LA: "Lao People's Democratic Republic",
    LC: 'Saint Lucia',
    MF: 'Saint Martin (French part)',
    MM: 'Myanmar',
    MO: 'Macao',
    PM: 'Saint Pierre and Miquelon',
    PN: 'Pitcairn',
    PS: 'State of Palestine',
    RU: 'Russian Federation',
    SH: 'Saint Helena',
    SJ: 'Svalbard and Jan Mayen',
    ST: 'São Tomé and Príncipe',
    SX: 'Sint Maarten (Dutch part)',
    SY: 'Syrian Arab Republic',
    TC: 'Turks and Caicos Islands',
    TT: 'Trinidad and Tobago',
    TZ: 'United Republic of Tanzania',
    UM: 'United States Minor Outlying Islands',
    US: 'United States of America',
    VA: 'Holy See (Vatican City State)',
    VC: 'Saint Vincent and the Grenadines',
    WF: 'Wallis and Futuna',
  },
  ja: {
    AS: 'アメリカ領サモア',
    BN: 'ブルネイ・ダルサラーム',
    BO: 'ボリビア多民族国',
    BQ: 'ボネール、シント・ユースタティウスおよびサバ',
    CC: 'ココス（キーリング）諸島',
    CD: 'コンゴ民主共和国',
    CG: 'コンゴ共和国',
    CN: '中華人民共和国',
    FK: 'フォークランド（マルビナス）諸島',
    GF: 'フランス領ギアナ',
    HK: '香港',
    HM: 'ハード島とマクドナルド諸島',
    IO: 'イギリス領インド洋地域',
    IR: 'イラン・イスラム共和国',
    KN: 'セントクリストファー・ネイビス',
    KP: '朝鮮民主主義人民共和国',
    KR: '大韓民国',
    LA: 'ラオス人民民主共和国',
    MD: 'モルドバ共和国',
    MF: 'サン・マルタン（フランス領）',
    MM: 'ミャンマー',
    MO: 'マカオ',
    PF: 'フランス領ポリネシア',
    PN: 'ピトケアン',
    PS: 'パレスチナ',
    RU: 'ロシア連邦',
    SH: 'セントヘレナ・アセンションおよびトリスタンダクーニャ',
    SJ: 'スヴァールバル諸島およびヤンマイエン島',
    SX: 'シント・マールテン（オランダ領）',
    SY: 'シリア・アラブ共和国',
    TF: 'フランス領南方・南極地域',
    VC: 'セントビンセントおよびグレナディーン諸島',
    VE: 'ベネズエラ・ボリバル共和国',
    VG: 'イギリス領ヴァージン諸島',
    VI: 'アメリカ領ヴァージン諸島',
  },
};

const platformNames = new Map<Lang, Intl.DisplayNames | undefined>();

/**
 * The platform's names of regions in `lang`: its ICU data, which browsers and Node (built with full
 * ICU, as the official builds are) carry. A runtime without that language's data (Node built with
 * `small-icu`) has none: the names are then undefined, never another language's.
 */
function namesIn(lang: Lang): Intl.DisplayNames | undefined {
  if (!platformNames.has(lang)) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    platformNames.set(lang, names.resolvedOptions().locale.split('-')[0] === lang ? names : undefined);
  }
  return platformNames.get(lang);
}

/**
 * The eleven member states of ASEAN. No well-kept package lists regional groupings, so the list lives
 * here (source: asean.org, member states, as of 2026: Timor-Leste was admitted in October 2025).
 */
export const ASEAN_MEMBERS: readonly CountryCode[] = [
  'BN',
  'KH',
  'ID',
  'LA',
  'MY',
  'MM',
  'PH',
  'SG',
  'TH',
  'VN',
  'TL',
];

/** The G7 countries (the EU takes part but is not a country). */
export const G7_MEMBERS: readonly CountryCode[] = ['CA', 'FR', 'DE', 'IT', 'JP', 'GB', 'US'];

/** Named groups of countries that filters and indicators can refer to. */
export const countryGroups = { asean: ASEAN_MEMBERS, g7: G7_MEMBERS } as const;
export type CountryGroup = keyof typeof countryGroups;

/** True when `code` is an assigned ISO 3166-1 alpha-2 code, written in upper case. */
export function isCountryCode(code: unknown): code is CountryCode {
  return typeof code === 'string' && assigned.has(code);
}

/** The country's name in Japanese or English (`TH` → `タイ` / `Thailand`), or undefined for an unknown code. */
export function countryName(code: CountryCode, lang: Lang): string | undefined {
  if (!isCountryCode(code)) return undefined;
  return kept[lang][code] ?? namesIn(lang)?.of(code);
}

/** Every assigned country code, sorted. */
export function allCountryCodes(): CountryCode[] {
  return [...assigned];
}

/** True when the country belongs to the group (`isInGroup('TH', 'asean')`). */
export function isInGroup(code: CountryCode, group: CountryGroup): boolean {
  return countryGroups[group].includes(code);
}

export const CountryCodeSchema = z.string().check(
  z.refine(isCountryCode, {
    message: 'expected an ISO 3166-1 alpha-2 country code in upper case, such as TH or BR',
    params: { reason: 'country' },
  }),
);
