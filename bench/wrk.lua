-- wrk script for bench/run.py: asks for gzip as browsers do, and prints the results as one JSON line.
--   wrk ... -s bench/wrk.lua http://127.0.0.1:PORT/path                 the same address each time
--   wrk ... -s bench/wrk.lua http://127.0.0.1:PORT/en/search/ -- search   a new search query each time
-- Search queries are made of words every benchmark item contains, in a new order and casing for each
-- request (a bijective numbering of the request count): each is new to the page cache, each finds items.

local words = { "trafficking", "persons", "migrant", "smuggling", "benchmark", "text", "english" }
local threads = {}
local search, counter, id = false, 0, 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  search = args[1] == "search"
  wrk.headers["Accept-Encoding"] = "gzip"
end

local function query(n)
  local parts, base = {}, #words * 2
  repeat
    n = n - 1
    local digit = n % base
    local word = words[(digit % #words) + 1]
    if digit >= #words then word = word:sub(1, 1):upper() .. word:sub(2) end
    table.insert(parts, word)
    n = math.floor(n / base)
  until n == 0
  return table.concat(parts, "+")
end

function request()
  if not search then return wrk.request() end
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?q=" .. query(counter * 16 + id + 200))
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"errors": %d, "non_2xx_3xx": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
