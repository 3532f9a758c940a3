import { describe, expect, it } from 'vitest'
import { groupSkills, matchScore, searchSkills, type Searchable } from './skill-search'

const skill = (
  id: string,
  name: string,
  ads: number,
  category = 'cloud',
  noData = ads === 0,
): Searchable => ({
  id,
  name,
  category,
  categoryLabel: category === 'ci-cd' ? 'CI/CD' : 'Cloud',
  ads,
  noData,
})

describe('skill search', () => {
  const skills = [
    skill('aks', 'Azure Kubernetes Service', 500),
    skill('kubernetes', 'Kubernetes', 40),
    skill('eks', 'Amazon EKS', 30),
    skill('kustomize', 'Kustomize', 0),
    skill('go', 'Go', 900, 'language'),
    skill('mongodb', 'MongoDB', 100, 'database'),
  ]

  it('puts the exact and prefix matches before a word inside a longer name, whatever the ads', () => {
    expect(searchSkills(skills, 'kubernetes').map((s) => s.id)).toEqual(['kubernetes', 'aks'])
    expect(searchSkills(skills, 'kube').map((s) => s.id)).toEqual(['kubernetes', 'aks'])
  })

  it('hides skills without data unless asked', () => {
    expect(searchSkills(skills, 'ku').map((s) => s.id)).not.toContain('kustomize')
    expect(searchSkills(skills, 'ku', true).map((s) => s.id)).toContain('kustomize')
  })

  it('scores exact, prefix, word start and inside matches in that order', () => {
    expect(matchScore({ id: 'go', name: 'Go' }, 'GO')).toBe(0)
    expect(matchScore({ id: 'mongodb', name: 'MongoDB' }, 'mon')).toBe(1)
    expect(matchScore({ id: 'eks', name: 'Amazon EKS' }, 'eks')).toBe(0)
    expect(matchScore({ id: 'aks', name: 'Azure Kubernetes Service' }, 'serv')).toBe(2)
    expect(matchScore({ id: 'mongodb', name: 'MongoDB' }, 'godb')).toBe(3)
    expect(matchScore({ id: 'go', name: 'Go' }, 'rust')).toBeNull()
  })

  it('groups by category in the given order with their labels, most ads first', () => {
    const groups = groupSkills(skills, [
      { id: 'language', label: 'Languages' },
      { id: 'cloud', label: 'Cloud' },
      { id: 'database', label: 'Databases' },
    ])
    expect(groups.map((g) => g.label)).toEqual(['Languages', 'Cloud', 'Databases'])
    expect(groups[1]?.skills.map((s) => s.id)).toEqual(['aks', 'kubernetes', 'eks'])
  })
})
