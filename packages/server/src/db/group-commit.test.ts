import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inGroupTransaction } from './group-commit.js'
import { type Database, openDatabase } from './open-database.js'

/**
 * Group commit on a file database, watched through a second connection: what the second
 * connection sees is exactly what was committed.
 */
describe('inGroupTransaction', () => {
  let dir: string
  let database: Database
  let observer: BetterSqlite3.Database

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'conto-group-commit-'))
    database = openDatabase(join(dir, 'conto.db'))
    database.sqlite.exec('create table t (v integer not null)')
    observer = new BetterSqlite3(join(dir, 'conto.db'), { readonly: true })
  })

  afterEach(() => {
    observer.close()
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const insert = (v: number) => database.sqlite.prepare('insert into t (v) values (?)').run(v)
  const values = () =>
    database.sqlite
      .prepare('select v from t order by rowid')
      .all()
      .map((row) => (row as { v: number }).v)
  const committed = () => (observer.prepare('select count(*) as n from t').get() as { n: number }).n

  it('runs work queued in one turn in one transaction, in order, and settles after the commit', async () => {
    const seenCommitted: number[] = []
    const seenOwn: number[] = []
    const promises = [1, 2, 3].map((v) =>
      inGroupTransaction(database.db, () => {
        seenCommitted.push(committed())
        seenOwn.push(values().length)
        insert(v)
        return v * 10
      }),
    )
    // Nothing runs in the turn that queued it.
    expect(seenOwn).toEqual([])
    await expect(Promise.all(promises)).resolves.toEqual([10, 20, 30])
    // Each piece saw the pieces before it, and nothing of the group was committed until the end.
    expect(seenOwn).toEqual([0, 1, 2])
    expect(seenCommitted).toEqual([0, 0, 0])
    expect(committed()).toBe(3)
    expect(values()).toEqual([1, 2, 3])
  })

  it('rolls back only the piece that throws; the others commit', async () => {
    const results = await Promise.allSettled([
      inGroupTransaction(database.db, () => insert(1)),
      inGroupTransaction(database.db, () => {
        insert(2)
        throw new Error('refused')
      }),
      inGroupTransaction(database.db, () => {
        insert(3)
        return 'ok'
      }),
    ])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'))
    expect(values()).toEqual([1, 3])
    expect(committed()).toBe(2)
  })

  it('runs work queued in a later turn in a later transaction', async () => {
    await inGroupTransaction(database.db, () => insert(1))
    const seen = await inGroupTransaction(database.db, () => committed())
    expect(seen).toBe(1)
  })

  it('a single piece runs in a transaction of its own', async () => {
    await expect(
      inGroupTransaction(database.db, () => {
        insert(1)
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect(values()).toEqual([])
  })

  it('splits a large queue into transactions of at most 64 pieces', async () => {
    const seen = await Promise.all(
      Array.from({ length: 100 }, (_, v) =>
        inGroupTransaction(database.db, () => {
          const before = committed()
          insert(v)
          return before
        }),
      ),
    )
    expect(seen.slice(0, 64).every((n) => n === 0)).toBe(true)
    expect(seen.slice(64).every((n) => n === 64)).toBe(true)
    expect(values()).toEqual(Array.from({ length: 100 }, (_, v) => v))
  })

  it('when SQLite abandons the shared transaction, reruns every piece alone and commits each once', async () => {
    let runsOfFirst = 0
    const results = await Promise.allSettled([
      inGroupTransaction(database.db, () => {
        runsOfFirst++
        insert(1)
        return 'first'
      }),
      inGroupTransaction(database.db, () => {
        insert(2)
        // What SQLite does on a disk-full or I/O error: the whole transaction is gone.
        database.sqlite.exec('rollback')
        throw new Error('disk I/O error')
      }),
      inGroupTransaction(database.db, () => {
        insert(3)
        return 'third'
      }),
    ])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[0] as PromiseFulfilledResult<string>).value).toBe('first')
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe('third')
    expect(runsOfFirst).toBe(2)
    // The second piece's rollback ended its own transaction when rerun alone: only 1 and 3 remain.
    expect(values()).toEqual([1, 3])
    expect(database.sqlite.inTransaction).toBe(false)
  })

  it('queues per database', async () => {
    const other = openDatabase(':memory:')
    try {
      other.sqlite.exec('create table t (v integer not null)')
      await Promise.all([
        inGroupTransaction(database.db, () => insert(1)),
        inGroupTransaction(other.db, () =>
          other.sqlite.prepare('insert into t (v) values (?)').run(2),
        ),
      ])
      expect(values()).toEqual([1])
      expect(other.sqlite.prepare('select v from t').all()).toEqual([{ v: 2 }])
    } finally {
      other.close()
    }
  })
})
