// A stand-in emulator for NodeEmulatorTest: "node chatty.js listen" prints a line, listens on a free loopback port,
// says where, and then writes a line to stdout and one to stderr for every request, as emulators do when they log
// or warn; "node chatty.js fail" says why it cannot start and exits with status 3.
'use strict'

const http = require('http')

if (process.argv[2] === 'fail') {
  console.error('chatty: cannot listen: address already in use')
  process.exit(3)
}

console.log('chatty: starting')
const server = http.createServer((req, res) => {
  console.log('chatty: %s %s', req.method, req.url)
  console.error('chatty: a warning about %s', req.url)
  res.end('ok')
})
server.listen(0, '127.0.0.1', () => console.log('chatty listening at http://127.0.0.1:%d', server.address().port))
