-- wrk script for bench/run.py: GETs BENCH_PATH, "{id}" replaced by a random id in [1, BENCH_MAX_ID];
-- the ids are pseudo-random from a fixed seed per thread, so every run asks for the same ids.
-- At the end, one line "BENCH_JSON {...}" with counts, errors and latency percentiles in microseconds.
local path = os.getenv("BENCH_PATH") or "/"
local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "1")
local templated = string.find(path, "{id}", 1, true) ~= nil
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_seed", thread_number)
end

function init(args)
  math.randomseed(7919 * (thread_seed or 1))
end

function request()
  if templated then
    return wrk.format(nil, (string.gsub(path, "{id}", tostring(math.random(1, max_id)))))
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
