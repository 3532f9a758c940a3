import { describe, expect, it } from 'vitest'
import { getSkill, listSkills } from '../taxonomy/index.ts'
import { aliasClashes } from './alias-index.ts'
import { extractAd } from './index.ts'

/** Named (not inferred) vocabulary skill ids of a text. */
const named = (text: string): string[] =>
  extractAd({ id: 't', text })
    .skills.filter((s) => !s.inferred && VOCABULARY.includes(s.id))
    .map((s) => s.id)
    .sort()

// The 77 ids of the labelling vocabulary (shared/eval/vocabulary.tsv) must exist with exactly these ids.
const VOCABULARY =
  'python java ruby php go javascript typescript nodejs csharp cpp c kotlin scala rust elixir erlang clojure haskell perl swift sql graphql grpc rest django flask fastapi spring rails laravel symfony express nestjs dotnet phoenix react vue angular postgresql mysql mariadb mongodb redis elasticsearch cassandra dynamodb sqlite sql-server oracle-db clickhouse snowflake bigquery neo4j kafka rabbitmq aws azure gcp heroku docker kubernetes serverless aws-lambda terraform ansible jenkins github-actions ci-cd microservices linux nginx prometheus grafana datadog spark airflow hadoop'.split(
    ' ',
  )

describe('taxonomy', () => {
  it('has every vocabulary id and at least 250 skills', () => {
    expect(VOCABULARY).toHaveLength(77)
    for (const id of VOCABULARY) expect(getSkill(id), id).toBeDefined()
    expect(listSkills().length).toBeGreaterThanOrEqual(250)
  })
  it('has no alias claimed by two skills', () => {
    expect(aliasClashes()).toEqual([])
  })
  it('lists parents', () => {
    expect(getSkill('aws-lambda')?.parents).toEqual(['aws', 'serverless'])
    expect(getSkill('eks')?.parents).toEqual(['kubernetes', 'aws'])
  })
})

describe('skill traps', () => {
  it('Go the language, not the verb or go-to-market', () => {
    expect(named('Our backend is written in Go and Python.')).toContain('go')
    expect(named('Golang services')).toContain('go')
    expect(named('Lead our Go-to-market team. Python shop.')).not.toContain('go')
    expect(named('We are ready to go! Python and Django.')).not.toContain('go')
    expect(named('Stack: python, go, postgres')).toContain('go')
  })
  it('Java vs JavaScript, and X.js libraries do not name JavaScript', () => {
    expect(named('Java and JavaScript')).toEqual(['java', 'javascript'])
    expect(named('JavaScript only')).toEqual(['javascript'])
    expect(named('Frontend in Backbone JS and Velocity.js')).not.toContain('javascript')
  })
  it('C, C++, C#, Objective-C', () => {
    expect(named('C/C++ and C#')).toEqual(['c', 'cpp', 'csharp'])
    expect(named('iOS in Objective-C')).toEqual([])
    expect(named('We closed our Series C round. Send your C.V. Python is used.')).toEqual(['python'])
  })
  it('Rust and Swift as words', () => {
    expect(named('Rust Belt manufacturing, swift growth')).toEqual([])
    expect(named('Rust, Swift and Kotlin engineers')).toEqual(['kotlin', 'rust', 'swift'])
  })
  it('Spring, Express, Phoenix, Oracle in their other senses', () => {
    expect(named('Join us in Spring 2016 in Phoenix, AZ. Express delivery for all.')).toEqual([])
    expect(named('Java with Spring Boot; Node.js with Express; Elixir/Phoenix')).toEqual(
      expect.arrayContaining(['spring', 'express', 'phoenix', 'elixir', 'java', 'nodejs']),
    )
    expect(named('ex-Oracle engineers founded us')).toEqual([])
    expect(named('Databases: PostgreSQL and Oracle')).toEqual(['oracle-db', 'postgresql'])
  })
  it('ES, PG, Node and React Native', () => {
    expect(named('OpenGL ES rendering')).toEqual([])
    expect(named('Search on ES, data in PG database, MySQL')).toEqual([
      'elasticsearch',
      'mysql',
      'postgresql',
    ])
    expect(named('Stack: Node, GraphQL, React')).toEqual(['graphql', 'nodejs', 'react'])
    expect(named('Mobile in React Native')).toEqual([])
  })
  it('ignores text inside URLs and e-mail addresses', () => {
    expect(
      named('mail jobs@golang-shop.io or see github.com/foo/rust-x and https://python.org/jobs'),
    ).toEqual([])
  })
  it('ignores the ad’s own company name and customer lists', () => {
    const ad = extractAd({
      id: 'x',
      text: 'MongoDB | Curriculum Engineer | New York\nCourses at MongoDB University.',
    })
    expect(ad.skills.map((s) => s.id)).not.toContain('mongodb')
    expect(named('Our customers include Snowflake and Datadog. We write Python.')).toEqual(['python'])
  })
  it('named services name their platform; frameworks only infer their language', () => {
    const skills = extractAd({ id: 'x', text: 'We run EKS, AWS Lambda and Django.' }).skills
    const byId = new Map(skills.map((s) => [s.id, s]))
    for (const id of ['eks', 'kubernetes', 'aws', 'aws-lambda', 'serverless', 'django']) {
      expect(byId.get(id)?.inferred, id).toBe(false)
    }
    expect(byId.get('python')?.inferred).toBe(true)
    expect(byId.get('kubernetes')?.evidence).toEqual(['EKS'])
  })
  it('Ruby on Rails names both, Rails alone only rails', () => {
    expect(named('Ruby on Rails')).toEqual(['rails', 'ruby'])
    expect(named('Rails and RoR')).toEqual(['rails'])
  })
  it('keeps evidence spans as written', () => {
    const s = extractAd({ id: 'x', text: 'ReactJS, react.js and k8s' }).skills
    expect(s.find((m) => m.id === 'react')?.evidence).toEqual(['ReactJS', 'react.js'])
    expect(s.find((m) => m.id === 'kubernetes')?.evidence).toEqual(['k8s'])
  })
})
