-- A wrk script for hummingbird-service: GET /report with 200 to 10,000 rows and a new seed per
-- request (so every request renders; the cache keeps the last few), on wrk's keep-alive
-- connections. wrk's -d bounds it in time.
--
--   wrk -t2 -c16 -d25s -s Examples/hummingbird-service/load.lua http://127.0.0.1:PORT
--
-- At the end (its -d, or SIGINT) wrk prints its summary; when MEMORYBENCH_LOAD_COUNT_FILE is
-- set, done() also writes the number of requests completed there, one integer and a newline.

local sizes = { 200, 1000, 2000, 5000, 10000 }
local threads = 0

-- Runs in the main state once per wrk thread: number them so their seeds never collide.
function setup(thread)
    threads = threads + 1
    thread:set("thread_index", threads)
end

local sent = 0

function init(args)
    math.randomseed(thread_index)
end

function request()
    sent = sent + 1
    local rows = sizes[math.random(#sizes)]
    local seed = thread_index * 100000000 + sent
    return wrk.format("GET", "/report?rows=" .. rows .. "&seed=" .. seed)
end

function done(summary, latency, requests)
    local path = os.getenv("MEMORYBENCH_LOAD_COUNT_FILE")
    if path == nil or path == "" then
        return
    end
    local file, reason = io.open(path, "w")
    if file == nil then
        io.stderr:write("load.lua: cannot write the request count: " .. reason .. "\n")
        os.exit(1)
    end
    file:write(string.format("%d\n", summary.requests))
    file:close()
end
