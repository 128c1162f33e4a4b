// A webhook receiver for the benchmark, in a process of its own so it does not share the measured event
// loop: answers every POST with 200 on kept-alive connections and prints {"url"} once it listens, then
// {"received": N} when it gets SIGTERM.
import { createServer } from 'node:http';

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/hooks` }) + '\n');
});
process.on('SIGTERM', () => {
  process.stdout.write(JSON.stringify({ received }) + '\n');
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
