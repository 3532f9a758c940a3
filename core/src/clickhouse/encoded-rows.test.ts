// Rows encoded on arrival: calls of one shape share a group whose body, however it is cut into
// chunks, is one JSONCompact document of every row in order; a call of another shape starts a new
// group (JSONEachRow lines when its rows differ in keys).
import { expect, it } from 'vitest'
import { appendRows, groupBody, type EncodedGroup } from './encoded-rows.ts'

const row = (i: number) => ({ id: i, text: `${'x'.repeat(1000)} "quoted" \\ ${i}`, tags: ['a', `t${i}`] })

it('joins many small calls into megabyte chunks of one document, rows in order', () => {
  const groups: EncodedGroup[] = []
  for (let i = 0; i < 3000; i++) appendRows(groups, [row(i)])
  expect(groups).toHaveLength(1)
  const body = groupBody(groups[0]!)
  // Head, ~3 MB of rows in more than one chunk, tail.
  expect(body.length).toBeGreaterThan(4)
  expect(JSON.parse(body.join(''))).toEqual({
    meta: ['id', 'text', 'tags'].map((name) => ({ name, type: 'String' })),
    data: Array.from({ length: 3000 }, (_, i) => [i, row(i).text, row(i).tags]),
  })
})

it('starts a new group when the shape changes, with JSONEachRow lines for mixed keys', () => {
  const groups: EncodedGroup[] = []
  appendRows(groups, [row(1), row(2)])
  appendRows(groups, [row(3), { id: 4 }])
  appendRows(groups, [{ id: 5 }])
  expect(groups.map((g) => [g.columns, g.rows])).toEqual([
    [['id', 'text', 'tags'], 2],
    [undefined, 2],
    [['id'], 1],
  ])
  const lines = groupBody(groups[1]!).join('').trimEnd().split('\n')
  expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([row(3), { id: 4 }])
})

it('takes rows with the same keys in another order as one shape, and a call with another key as mixed', () => {
  const groups: EncodedGroup[] = []
  appendRows(groups, [
    { a: 1, b: 'x' },
    { b: 'y', a: 2 },
  ])
  appendRows(groups, [
    { a: 3, b: 'z' },
    { b: 'w', c: 4 },
  ])
  expect(groups.map((g) => [g.columns, g.rows])).toEqual([
    [['a', 'b'], 2],
    [undefined, 2],
  ])
  expect(JSON.parse(groupBody(groups[0]!).join(''))).toMatchObject({
    data: [
      [1, 'x'],
      [2, 'y'],
    ],
  })
})
