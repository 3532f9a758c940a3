// Public entry of the extractor: one ad in, skills + salary + facets out. Pure, synchronous, linear time.
import { extractFacets } from './facets.ts'
import { parseHeader } from './header.ts'
import { extractSalary } from './salary.ts'
import { extractSkills } from './skills.ts'
import { tokenizeText } from './tokenize.ts'
import type { AdInput, Extraction } from './types.ts'

export type * from './types.ts'
export { getSkill, listSkills, TAXONOMY_VERSION } from '../taxonomy/index.ts'
export { FX_TABLE, toUsd } from './fx-rates.ts'
export { INDUSTRIES } from './industries.ts'
export { CATEGORIES, CATEGORY_LABELS } from '../taxonomy/categories.ts'

/**
 * Rises whenever output for the same ad can change (rules, taxonomy, rates); the pipeline re-extracts
 * stored ads then.
 */
export const EXTRACTOR_VERSION = 2

function emptyExtraction(id: string): Extraction {
  return {
    id,
    skills: [],
    salary: null,
    seniority: 'unknown',
    work_mode: 'unknown',
    remote_region: null,
    country: null,
    employment_type: 'unknown',
    industries: [],
    visa_sponsorship: null,
    role_family: 'other',
    company: null,
    title: null,
  }
}

export function extractAd(input: AdInput): Extraction {
  const id = typeof input?.id === 'string' ? input.id : String(input?.id ?? '')
  try {
    const text = typeof input.text === 'string' ? input.text : ''
    const ad: AdInput = { ...input, id, text }
    const header = parseHeader(text)
    const hnHeader = !input.title && !input.company ? header : null
    // One tokenisation (with URL / e-mail masking) shared by skills, industries and salary.
    const { tokens, masked } = tokenizeText(text)
    const company = {
      span: hnHeader && hnHeader.companyEnd > 0 ? ([0, hnHeader.companyEnd] as [number, number]) : null,
      name: typeof input.company === 'string' ? input.company : (hnHeader?.company ?? null),
    }
    const skills = extractSkills(text, company, tokens)
    const named = skills.filter((s) => !s.inferred).map((s) => s.category)
    const facets = extractFacets(ad, named, tokens, header)
    const salary = extractSalary(ad, facets.country, masked)
    return { id, skills, salary, ...facets }
  } catch (err) {
    // Never throw into the pipeline: a bug on one odd ad must not stop the batch; the caller logs it.
    return { ...emptyExtraction(id), error: (err as Error)?.message ?? String(err) }
  }
}
