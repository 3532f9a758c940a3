// Extraction round two: list context, senses that are not the technology, and names out of scope
// (negated, someone's background, a comparison). Fixtures are written in the shape of real HN ads.
import { describe, expect, it } from 'vitest'
import { extractAd } from './index.ts'
import { listGap, outOfScope } from './scope.ts'
import { tokenize } from './tokenize.ts'

const skills = (text: string): { id: string; inferred: boolean }[] =>
  extractAd({ id: 't', text }).skills.map((s) => ({ id: s.id, inferred: s.inferred }))
/** Skill ids the ad names (inferred parents left out, as every share counts them). */
const named = (text: string): string[] =>
  skills(text)
    .filter((s) => !s.inferred)
    .map((s) => s.id)
    .sort()

describe('Rails does not name Ruby', () => {
  it('counts ruby only as an inferred parent of Rails / RoR', () => {
    const out = skills('Acme | Backend engineer | Rails, Postgres and RoR experience')
    expect(out).toContainEqual({ id: 'rails', inferred: false })
    expect(out).toContainEqual({ id: 'ruby', inferred: true })
    expect(named('We build on Ruby on Rails.')).toEqual(expect.arrayContaining(['rails', 'ruby']))
  })
})

describe('lower-case stack lists', () => {
  it('an ambiguous word listed among technologies is the technology', () => {
    expect(named('- Backend work (node.js, express, mongoose)')).toEqual(expect.arrayContaining(['express']))
    expect(named('We like people who know Node/Express/Backbone.')).toEqual(
      expect.arrayContaining(['express', 'nodejs', 'backbone']),
    )
    expect(named('the usual JVM tooling (spring and its subprojects, guice, guava, maven, jetty)')).toContain(
      'spring',
    )
    expect(named('Experience in Spring, or other DI frameworks, and Tomcat.')).toContain('spring')
  })
  it('a word next to a technology but not listed with it stays a word', () => {
    expect(named('Like most Node shops go, we use a lot of open source.')).not.toContain('go')
    expect(named('Stack: python, go, postgres')).toContain('go')
  })
  it('listGap needs list punctuation or one joining word', () => {
    const text = 'node shops go; python, go; java or scala'
    const t = tokenize(text)
    expect(listGap(text, t, 0, 2)).toBe(false)
    expect(listGap(text, t, 3, 4)).toBe(true)
    expect(listGap(text, t, 5, 7)).toBe(true)
  })
})

describe('senses that are not the technology', () => {
  it('Spring the season and the company', () => {
    expect(named('Acme | Full-stack engineer or Fall/Spring/Summer interns | SF | Java')).not.toContain(
      'spring',
    )
    expect(
      named('Spring, Inc. | NYC | Engineers\nSpring is three years old. Our stack is Go and Java.'),
    ).not.toContain('spring')
    expect(named('Our Java services run on Spring and Hibernate.')).toContain('spring')
  })
  it('EMR the medical record', () => {
    expect(
      named('We make web-based EMR (electronic medical record) software; our stack is Java.'),
    ).not.toContain('hadoop')
    expect(named('Batch jobs run on EMR with Spark and Python.')).toEqual(
      expect.arrayContaining(['hadoop', 'aws']),
    )
  })
  it('Express the verb at the start of a requirement', () => {
    expect(named('- Express solid understanding of MVC architecture and REST')).not.toContain('express')
    expect(named('- Express, Mongo and React on the backend')).toContain('express')
  })
  it('a GitHub profile asked for is not git', () => {
    expect(named('Send your resume and GitHub link to jobs@example.com')).not.toContain('git')
    expect(named('Links please (GitHub, projects, LinkedIn).')).not.toContain('git')
    expect(named('We use GitHub, Jira and CircleCI.')).toContain('git')
  })
  it('a stock ticker is the company', () => {
    expect(named('Since our IPO (Nasdaq: RUBY) we have grown.')).not.toContain('ruby')
  })
})

describe('negation, background and comparison', () => {
  it('leaves out names in their scope', () => {
    expect(named('Most recently I spent 2 years at a Ruby/Rails shop. Now we build with Scala.')).toEqual([
      'scala',
    ])
    expect(
      named("Deploys are simple, you don't need Kubernetes, only git. Tooling is in Python."),
    ).not.toContain('kubernetes')
    expect(named('Show us why Scala is the new Python.')).not.toContain('python')
    expect(named('We prefer PostgreSQL to MySQL.')).toEqual(['postgresql'])
  })
  it('keeps names outside the scope and requirements that only look alike', () => {
    expect(named("You don't need Kubernetes experience. We use Docker.")).toEqual(['docker'])
    expect(named("You've spent years building apps using ASP.NET and C#.")).toContain('csharp')
    expect(outOfScope('We need Python and worked at Google. Go is used.', 37)).toBe(null)
    expect(outOfScope('We build a better Hadoop.', 18)).toBe('compared')
  })
})
