import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record,
} from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBRecord } from 'aws-lambda'

/**
 * Reads a DynamoDB Local table's stream, shard by shard in order, and hands each batch of records
 * to `deliver` — what Lambda's event source mapping does in AWS. Used by the integration tests
 * (which deliver to the real consumer handler) and by the demo-data loader (which delivers at the
 * time of each demo step). `settled()` resolves once everything written before it was delivered.
 */
export interface StreamPoller {
  /** Resolves when every record written before the call has been delivered (and what those deliveries wrote, too). */
  settled(): Promise<void>
  /** Stops delivering (once the delivery under way is done) until `resume()`: writes made meanwhile wait in the stream, as behind a lagging consumer. */
  pause(): Promise<void>
  resume(): void
  stop(): Promise<void>
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startStreamPoller(opts: {
  endpoint: string
  tableName: string
  deliver: (records: DynamoDBRecord[]) => Promise<void>
  pollMs?: number
}): Promise<StreamPoller> {
  const ddb = new DynamoDBClient({ endpoint: opts.endpoint, region: 'local', credentials })
  const streams = new DynamoDBStreamsClient({ endpoint: opts.endpoint, region: 'local', credentials })
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: opts.tableName }))
  ddb.destroy()
  const streamArn = Table?.LatestStreamArn
  if (!streamArn) throw new Error(`table ${opts.tableName} has no stream`)
  const pollMs = opts.pollMs ?? 25

  const iterators = new Map<string, string | undefined>() // shard id → next iterator (undefined: shard closed and read to its end)
  let cycle = 0 // completed polling cycles
  let lastBusyCycle = 0 // the last cycle that delivered something
  let failure: unknown
  let stopped = false
  let paused = false
  let cycleEnded: (() => void)[] = []

  async function discoverShards(): Promise<void> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId!
      if (iterators.has(id)) continue
      // A child shard is read only after its parent is read to its end, so per-item order holds.
      const parent = shard.ParentShardId
      if (parent && iterators.has(parent) && iterators.get(parent) !== undefined) continue
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }))
      iterators.set(id, ShardIterator)
    }
  }

  async function pollOnce(): Promise<boolean> {
    await discoverShards()
    let delivered = false
    for (const [shard, iterator] of iterators) {
      if (!iterator) continue
      const res = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }))
      iterators.set(shard, res.NextShardIterator)
      const records = res.Records ?? []
      if (records.length) {
        await opts.deliver(records.map(asLambdaRecord))
        delivered = true
      }
    }
    return delivered
  }

  const loop = (async () => {
    while (!stopped) {
      if (!paused) {
        try {
          if (await pollOnce()) lastBusyCycle = cycle + 1
        } catch (err) {
          failure ??= err
        }
        cycle++
      }
      for (const ended of cycleEnded.splice(0)) ended()
      await sleep(pollMs)
    }
  })()

  return {
    async pause() {
      paused = true
      await new Promise<void>((resolve) => cycleEnded.push(resolve))
    },
    resume() {
      paused = false
    },
    async settled() {
      if (paused) throw new Error('the stream poller is paused: resume() it before waiting for it')
      // The cycle under way may have begun before this call; the two after it began later. When the
      // last two completed cycles both began after the call and delivered nothing, whatever was
      // written before it (and whatever delivering that wrote) has been read.
      const from = cycle + 2
      for (;;) {
        if (failure) {
          const err = failure
          failure = undefined
          throw err
        }
        if (cycle >= from + 1 && lastBusyCycle < cycle - 1) return
        await sleep(pollMs)
      }
    },
    async stop() {
      stopped = true
      await loop
      streams.destroy()
    },
  }
}

/** The streams API's record in the shape Lambda hands a stream consumer (attribute values are the same). */
function asLambdaRecord(r: _Record): DynamoDBRecord {
  const t = r.dynamodb?.ApproximateCreationDateTime
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    dynamodb: {
      ...(r.dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: t instanceof Date ? t.getTime() / 1000 : (t as number | undefined),
    },
  }
}
