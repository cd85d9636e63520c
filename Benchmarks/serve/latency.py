#!/usr/bin/env python3
"""Open-loop latency of POST /v1/leads at a fixed offered rate, one new lead a request.

Each request is timed from the moment it was due (not when a connection was free), so a stall
counts for every request it delays. Prints p50/p90/p99/p99.9/max to the answer, for plain intake
(202, lead stored) or with ?wait=owner (200, decision committed). Percentiles are exact (every
latency kept and sorted), not bucketed.

    HANDOFF_API_TOKEN=... python3 latency.py --port 8420 --rate 1000 --seconds 10 [--wait]
"""
import argparse, asyncio, os, random, time


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--wait", action="store_true")
    args = parser.parse_args()
    token = os.environ["HANDOFF_API_TOKEN"]
    path = "/v1/leads?wait=owner" if args.wait else "/v1/leads"
    run = f"{int(time.time())}-{random.randrange(10**6)}"
    total = int(args.rate * args.seconds)
    queue: asyncio.Queue = asyncio.Queue()
    latencies, statuses = [], {}

    async def worker():
        reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
        while True:
            item = await queue.get()
            if item is None:
                writer.close()
                return
            n, due = item
            body = (f'{{"email": "lat{run}-{n}@shop{run}-{n}.example", "company": "Shop {n}", '
                    f'"country": "{"DE" if n % 2 else "US"}", "employees": {4200 if n % 2 else 40}}}').encode()
            writer.write(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                         f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - due)
            statuses[status] = statuses.get(status, 0) + 1

    workers = [asyncio.create_task(worker()) for _ in range(args.connections)]
    start = time.perf_counter() + 0.2
    for n in range(total):
        due = start + n / args.rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((n, due))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    offered = total / (time.perf_counter() - start)
    print(f"{path}: {len(latencies)} requests at {args.rate:.0f}/s offered; statuses {statuses}; "
          f"p50 {pick(0.50):.2f} ms, p90 {pick(0.90):.2f} ms, p99 {pick(0.99):.2f} ms, p99.9 {pick(0.999):.2f} ms, "
          f"max {latencies[-1] * 1000:.2f} ms; completed at {offered:.0f}/s")


asyncio.run(main())
