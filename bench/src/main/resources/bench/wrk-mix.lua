-- wrk script of the benchmark: each connection cycles through the query mix (one request path per line of the
-- file named by WRK_PATHS) and the run ends with the latency percentiles in a form the benchmark reads.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end
local next_path = 0
local threads = 0

-- Threads start at different places in the mix, so they do not send the same query at the same time.
setup = function(thread)
  thread:set("first", threads * 97)
  threads = threads + 1
end

init = function(args)
  next_path = (first or 0) % #paths
end

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

done = function(summary, latency, requests)
  io.write(string.format("bench requests %d\n", summary.requests))
  io.write(string.format("bench duration_us %d\n", summary.duration))
  io.write(string.format("bench errors %d\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("bench p%d_us %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("bench max_us %d\n", latency.max))
end
