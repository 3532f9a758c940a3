// Industry tags from keywords in the head of the ad. A tag needs one keyword; at most MAX_TAGS, most
// mentioned first.
import { tokenize, type Token } from './tokenize.ts'

const MAX_TAGS = 3

const INDUSTRY_WORDS: Record<string, string> = {
  fintech:
    'fintech|payments|banking|bank|lending|loans|credit card|trading|investing|wealth|financial services|neobank|insurance|insurtech|accounting',
  healthtech:
    'healthtech|health|healthcare|medical|clinical|patients|patient|hospital|telehealth|pharma|biotech|digital health|mental health',
  'e-commerce': 'e-commerce|ecommerce|online store|retail|retailers|marketplace|shopping|shopify|merchants',
  'adtech & affiliate':
    'adtech|ad tech|advertising|advertisers|affiliate|affiliates|programmatic|ad network|martech|marketing technology',
  gaming: 'gaming|game studio|video games|video game|games|esports',
  saas: 'saas|b2b software|software-as-a-service|enterprise software',
  edtech: 'edtech|education|educational|students|learning platform|teachers|schools|e-learning|tutoring',
  security:
    'cybersecurity|cyber security|infosec|security company|threat detection|fraud prevention|fraud detection|identity security',
  crypto: 'crypto|cryptocurrency|blockchain|bitcoin|ethereum|web3|defi|nft',
  ai: 'artificial intelligence|machine learning|ai-powered|ai company|generative ai|llm|llms',
  logistics: 'logistics|supply chain|shipping|freight|delivery|fleet',
  'real-estate': 'real estate|proptech|property management|mortgage|mortgages',
  travel: 'travel|hospitality|hotels|airlines|booking',
  media: 'media|publishing|news|streaming|music|video platform',
  'hr-tech': 'recruiting|hr tech|hiring platform|payroll|workforce',
  govtech: 'government|public sector|civic',
  climate: 'climate|clean energy|renewable|solar|energy|sustainability',
}

/** Every industry tag the extractor can emit (the allowed values of the industry filter). */
export const INDUSTRIES: readonly string[] = Object.keys(INDUSTRY_WORDS)

const MAX_WORDS = 3
const WORD_TO_TAG = new Map<string, string>()
for (const [tag, words] of Object.entries(INDUSTRY_WORDS)) {
  for (const w of words.split('|'))
    WORD_TO_TAG.set(
      tokenize(w)
        .map((t) => t.norm)
        .join(' '),
      tag,
    )
}

const FIRST_WORDS = new Set([...WORD_TO_TAG.keys()].map((k) => k.split(' ')[0]))

/** `tokens`: the ad's tokens (only those before `limit` are read). */
export function detectIndustries(tokens: readonly Token[], limit: number): string[] {
  const counts = new Map<string, number>()
  for (let i = 0; i < tokens.length && (tokens[i] as Token).start < limit; i++) {
    if (!FIRST_WORDS.has((tokens[i] as Token).norm)) continue
    for (let n = Math.min(MAX_WORDS, tokens.length - i); n >= 1; n--) {
      let key = tokens[i]?.norm ?? ''
      for (let j = 1; j < n; j++) key += ' ' + (tokens[i + j]?.norm ?? '')
      const tag = WORD_TO_TAG.get(key)
      if (tag) {
        counts.set(tag, (counts.get(tag) ?? 0) + 1)
        i += n - 1
        break
      }
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TAGS)
    .map(([tag]) => tag)
}
