#!/usr/bin/env node
// dynalite with DynamoDB transactions (TransactWriteItems, TransactGetItems) added in front of it.
//
// Why: dynalite 4.0.0 speaks the DynamoDB protocol faithfully but has no transactions (its readme lists
// them as TODO), and the order store's every write is a transaction. This proxy applies a transaction as
// single-item calls to dynalite, so each condition is evaluated by dynalite's own expression engine, and
// rolls the applied items back when any condition fails. Every request, transactional or not, runs one
// at a time through one queue: that serialisation is what makes a transaction atomic and isolated here.
//
// Not reproduced (see docs/decisions/0003-*.md): TransactionConflict (requests never overlap), the
// ClientRequestToken idempotency window, the 4 MB transaction size limit, and crash atomicity.
//
// Usage: node dynalite-tx.js --port PORT [--host 127.0.0.1]

'use strict'

const http = require('http')
const dynalite = require('dynalite')
const crc32 = require('buffer-crc32')

const args = require('minimist')(process.argv.slice(2))
const host = args.host || '127.0.0.1'
const port = args.port === undefined ? 4567 : Number(args.port) // 0: any free port, printed below

const inner = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
let innerPort

let queue = Promise.resolve()
function serially (task) {
  const run = queue.then(task, task)
  queue = run.catch(() => {})
  return run
}

function post (headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: innerPort, method: 'POST', path: '/', headers }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

// One DynamoDB call to dynalite, signed with the caller's headers (dynalite checks their shape only).
async function call (callerHeaders, operation, payload) {
  const body = Buffer.from(JSON.stringify(payload))
  const headers = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.' + operation,
    'content-length': body.length,
    authorization: callerHeaders.authorization,
    'x-amz-date': callerHeaders['x-amz-date'] || new Date().toISOString().replace(/[-:]|\.\d+/g, ''),
  }
  const res = await post(headers, body)
  const data = res.body.length ? JSON.parse(res.body.toString()) : {}
  return { ok: res.status === 200, status: res.status, data, type: String(data.__type || '').split('#').pop() }
}

const keyNames = new Map()
async function keyOf (headers, table, item) {
  if (!keyNames.has(table)) {
    const described = await call(headers, 'DescribeTable', { TableName: table })
    if (!described.ok) throw described
    keyNames.set(table, described.data.Table.KeySchema.map((k) => k.AttributeName))
  }
  const key = {}
  for (const name of keyNames.get(table)) key[name] = item[name]
  return key
}

function expression (request) {
  const out = {}
  for (const field of [ 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues' ]) {
    if (request[field] !== undefined) out[field] = request[field]
  }
  return out
}

async function toOperation (headers, transactItem) {
  const kind = Object.keys(transactItem)[0]
  const request = transactItem[kind]
  const key = kind === 'Put' ? await keyOf(headers, request.TableName, request.Item) : request.Key
  return { kind, request, table: request.TableName, key }
}

// The single-item call that does what one transaction item does, under the same condition.
function apply (headers, op, before) {
  const { kind, request, table, key } = op
  switch (kind) {
    case 'Put': return call(headers, 'PutItem', { TableName: table, Item: request.Item, ...expression(request) })
    case 'Update': return call(headers, 'UpdateItem', {
      TableName: table, Key: key, UpdateExpression: request.UpdateExpression, ...expression(request) })
    case 'Delete': return call(headers, 'DeleteItem', { TableName: table, Key: key, ...expression(request) })
    case 'ConditionCheck': return before
      // rewriting the same item, or deleting an absent one, changes nothing but evaluates the condition
      ? call(headers, 'PutItem', { TableName: table, Item: before, ...expression(request) })
      : call(headers, 'DeleteItem', { TableName: table, Key: key, ...expression(request) })
    default: return Promise.resolve({ ok: false, status: 400, data: {
      __type: 'com.amazon.coral.validate#ValidationException', message: 'Unknown transaction item ' + kind } })
  }
}

function restore (headers, op, before) {
  return before
    ? call(headers, 'PutItem', { TableName: op.table, Item: before })
    : call(headers, 'DeleteItem', { TableName: op.table, Key: op.key })
}

function validation (message) {
  return { status: 400, data: { __type: 'com.amazon.coral.validate#ValidationException', message } }
}

async function transactWrite (headers, data) {
  const items = data.TransactItems || []
  if (items.length < 1 || items.length > 100) return validation('TransactItems must have between 1 and 100 items')
  const ops = []
  for (const item of items) ops.push(await toOperation(headers, item))
  const seen = new Set()
  for (const op of ops) {
    const id = op.table + JSON.stringify(op.key)
    if (seen.has(id)) return validation('Transaction request cannot include multiple operations on one item')
    seen.add(id)
  }
  const before = []
  for (const op of ops) {
    const got = await call(headers, 'GetItem', { TableName: op.table, Key: op.key, ConsistentRead: true })
    if (!got.ok) return got
    before.push(got.data.Item)
  }
  // Items have distinct keys, so applying one cannot change another's condition: evaluate them all,
  // as DynamoDB does, to report a reason for every item.
  const reasons = []
  const applied = []
  let fatal
  for (let i = 0; i < ops.length && !fatal; i++) {
    const result = await apply(headers, ops[i], before[i])
    if (result.ok) {
      reasons.push({ Code: 'None' })
      applied.push(i)
    } else if (result.type === 'ConditionalCheckFailedException') {
      const reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
      if (ops[i].request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && before[i]) reason.Item = before[i]
      reasons.push(reason)
    } else {
      fatal = result
    }
  }
  if (fatal || applied.length < ops.length) {
    for (const i of applied.reverse()) await restore(headers, ops[i], before[i])
  }
  if (fatal) return fatal
  if (applied.length < ops.length) {
    return { status: 400, data: {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons ['
        + reasons.map((r) => r.Code).join(', ') + ']',
      CancellationReasons: reasons,
    } }
  }
  return { status: 200, data: {} }
}

async function transactGet (headers, data) {
  const responses = []
  for (const item of data.TransactItems || []) {
    const get = item.Get
    const got = await call(headers, 'GetItem', {
      TableName: get.TableName, Key: get.Key, ConsistentRead: true,
      ...(get.ProjectionExpression ? { ProjectionExpression: get.ProjectionExpression } : {}),
      ...(get.ExpressionAttributeNames ? { ExpressionAttributeNames: get.ExpressionAttributeNames } : {}),
    })
    if (!got.ok) return got
    responses.push(got.data.Item ? { Item: got.data.Item } : {})
  }
  return { status: 200, data: { Responses: responses } }
}

function send (res, result) {
  const body = JSON.stringify(result.data)
  res.writeHead(result.status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    'x-amz-crc32': crc32.unsigned(body),
  })
  res.end(body)
}

async function handle (req, body) {
  const operation = String(req.headers['x-amz-target'] || '').split('.')[1]
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const data = JSON.parse(body.toString() || '{}')
    try {
      return operation === 'TransactWriteItems' ? await transactWrite(req.headers, data) : await transactGet(req.headers, data)
    } catch (failed) {
      if (failed && failed.status) return failed
      throw failed
    }
  }
  const headers = { ...req.headers }
  delete headers.host
  const res = await post(headers, body)
  return { raw: res }
}

const outer = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    serially(() => handle(req, Buffer.concat(chunks))).then((result) => {
      if (result.raw) {
        res.writeHead(result.raw.status, result.raw.headers)
        res.end(result.raw.body)
      } else {
        send(res, result)
      }
    }, (error) => {
      send(res, { status: 500, data: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error) } })
    })
  })
})

for (const server of [ inner, outer ]) {
  server.on('error', (error) => {
    console.error('dynalite-tx cannot listen: %s', error.message)
    process.exit(1)
  })
}

inner.listen(0, '127.0.0.1', () => {
  innerPort = inner.address().port
  outer.listen(port, host, () => console.log('dynalite-tx listening at http://%s:%d', host, outer.address().port))
})

for (const signal of [ 'SIGINT', 'SIGTERM' ]) process.on(signal, () => process.exit(0))
