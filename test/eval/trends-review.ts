// The review file of `npm run eval:trends`: one markdown table row per sampled (skill, ad) with the
// evidence in context and a judgment ("right" / "wrong" + reason) a person fills in.

export interface Sample {
  skill: string
  ad: string
  context: string
  judgment: '' | 'right' | 'wrong' | string
  reason: string
}

const HEADER = '| skill | ad | judgment | reason | evidence in context |'

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()

export function renderReview(samples: Sample[], seed: number): string {
  const lines = [
    '# Review of counted skills on the 2012–2018 HN replay',
    '',
    `Written by \`npm run eval:trends\` (seed ${seed}): for the 40 most frequent skills, the 10 counted ads`,
    'that rank lowest under a seeded hash of (skill, ad id), with the evidence (bold) in its sentence.',
    '`judgment` is `right` when the ad really asks for the skill under ../shared/eval/GUIDELINES.md,',
    '`wrong` (with a reason) otherwise. Judgments were made by reading each row (and the ad where the',
    'sentence was not enough); the script carries them over to a fresh review for every (skill, ad)',
    'pair still sampled, so only new rows need judging after the extractor changes.',
    '',
    HEADER,
    '|---|---|---|---|---|',
  ]
  for (const s of samples)
    lines.push(`| ${s.skill} | ${s.ad} | ${cell(s.judgment)} | ${cell(s.reason)} | ${cell(s.context)} |`)
  return lines.join('\n') + '\n'
}

/** (skill|ad) → judgment, from a review file; rows without a judgment are left out. */
export function parseJudged(markdown: string): Map<string, { judgment: string; reason: string }> {
  const out = new Map<string, { judgment: string; reason: string }>()
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith(HEADER)) continue
    const cells = line
      .slice(2, -2)
      .split(/(?<!\\) \| /)
      .map((c) => c.trim().replace(/\\\|/g, '|'))
    const [skill, ad, judgment, reason] = cells
    if (!skill || !ad || (judgment !== 'right' && judgment !== 'wrong')) continue
    out.set(`${skill}|${ad}`, { judgment, reason: reason ?? '' })
  }
  return out
}

export interface Tally {
  right: number
  judged: number
  unjudged: number
  bySkill: Map<string, { right: number; judged: number; unjudged: number }>
}

export function tally(samples: Sample[]): Tally {
  const t: Tally = { right: 0, judged: 0, unjudged: 0, bySkill: new Map() }
  for (const s of samples) {
    const c = t.bySkill.get(s.skill) ?? { right: 0, judged: 0, unjudged: 0 }
    t.bySkill.set(s.skill, c)
    if (s.judgment !== 'right' && s.judgment !== 'wrong') {
      c.unjudged++
      t.unjudged++
      continue
    }
    c.judged++
    t.judged++
    if (s.judgment === 'right') {
      c.right++
      t.right++
    }
  }
  return t
}
