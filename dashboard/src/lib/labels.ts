// Human labels for the API's facet values (work mode, seniority, role family, region, country,
// industry), so no page shows a raw id. Skill categories come labelled from the API (categoryLabel).
// Usage: facetLabel('work_mode', 'onsite') → 'On-site'; countryName('DE') → 'Germany'.
const WORK_MODE: Record<string, string> = {
  remote: 'Remote',
  hybrid: 'Hybrid',
  onsite: 'On-site',
  unknown: 'Not stated',
}
const SENIORITY: Record<string, string> = {
  intern: 'Intern',
  junior: 'Junior',
  mid: 'Mid-level',
  senior: 'Senior',
  lead: 'Lead',
  principal: 'Principal',
  unknown: 'Not stated',
}
const ROLE_FAMILY: Record<string, string> = {
  backend: 'Backend',
  fullstack: 'Full-stack',
  devops: 'DevOps / SRE',
  data: 'Data',
  frontend: 'Frontend',
  mobile: 'Mobile',
  other: 'Other',
}
const REGION: Record<string, string> = {
  'north-america': 'North America',
  'south-america': 'South America',
  europe: 'Europe',
  'middle-east-africa': 'Middle East & Africa',
  asia: 'Asia',
  oceania: 'Oceania',
}
const INDUSTRY: Record<string, string> = {
  fintech: 'Fintech',
  healthtech: 'Health tech',
  'e-commerce': 'E-commerce',
  'adtech & affiliate': 'Adtech & affiliate',
  saas: 'SaaS',
  edtech: 'Edtech',
  ai: 'AI',
  'real-estate': 'Real estate',
  'hr-tech': 'HR tech',
  govtech: 'Govtech',
}
const EMPLOYMENT: Record<string, string> = {
  permanent: 'Permanent',
  contract: 'Contract',
  internship: 'Internship',
  unknown: 'Not stated',
}

let regionNames: Intl.DisplayNames | null = null

/** ISO 3166-1 alpha-2 → "Germany" (the code itself when unknown). */
export function countryName(code: string): string {
  if (code === 'unknown' || code === '') return 'Not stated'
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' })
    return regionNames.of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}

/** "real-estate" → "Real estate" for values without a label of their own. */
export function humanize(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function facetLabel(facet: string, value: string): string {
  switch (facet) {
    case 'work_mode':
      return WORK_MODE[value] ?? humanize(value)
    case 'seniority':
      return SENIORITY[value] ?? humanize(value)
    case 'role_family':
      return ROLE_FAMILY[value] ?? humanize(value)
    case 'region':
      return REGION[value] ?? humanize(value)
    case 'country':
      return countryName(value)
    case 'industry':
      return value === 'unknown' ? 'Not stated' : (INDUSTRY[value] ?? humanize(value))
    case 'employment_type':
    case 'employment':
      return EMPLOYMENT[value] ?? humanize(value)
    default:
      return humanize(value)
  }
}

/** Labels of the filter fields themselves. */
export const FILTER_LABELS: Record<string, string> = {
  from: 'From',
  to: 'To',
  source: 'Source',
  category: 'Category',
  country: 'Country',
  region: 'Region',
  work_mode: 'Work mode',
  seniority: 'Seniority',
  industry: 'Industry',
  role_family: 'Role family',
}
