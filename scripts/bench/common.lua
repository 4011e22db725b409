-- Shared by every wrk script of the benchmarks (scripts/bench/<service>/*.lua, loaded with
-- dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")): AWS JSON request headers with a well-formed but unsigned
-- SigV4 Authorization header (neither Stratus, by default, nor moto checks signatures), per-thread counting of
-- failed answers, a distinct `thread_id` per wrk thread, and the machine-readable summary line
-- (BENCH requests=… seconds=… rps=… p50_ms=… p99_ms=… non2xx=… errors=… unfinished=…) that scripts/bench/benchlib.py
-- parses.
local common = {threads = {}}

-- Headers of an AWS JSON 1.0 call: `target` is the X-Amz-Target (`AmazonSQS.SendMessage`, …), `service` the
-- credential scope's signing name (`sqs`, `dynamodb`, `states`).
function common.headers(target, service)
    local date = os.date("!%Y%m%dT%H%M%SZ")
    return {
        ["Content-Type"] = "application/x-amz-json-1.0",
        ["X-Amz-Target"] = target,
        ["X-Amz-Date"] = date,
        ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/" .. string.sub(date, 1, 8)
            .. "/us-east-1/" .. service .. "/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            .. "Signature=" .. string.rep("0", 64),
    }
end

non2xx = 0
unfinished = 0
first_failure = ""

local function remember(text)
    if first_failure == "" then first_failure = text end
end

-- The head (request line and headers) of a request whose body is as long as `sample_body`: `head .. body` is the
-- whole request for any such body. Scripts that build a body per request use it so that wrk.format (which rebuilds
-- every header line) runs once per thread, not per request.
function common.request_head(method, path, headers, sample_body)
    local full = wrk.format(method, path, headers, sample_body)
    return string.sub(full, 1, #full - #sample_body)
end

-- wrk's `response`: counts an answer outside 2xx. Scripts that need nothing of the answer leave `response` unset
-- (wrk then passes no answer to Lua) and rely on wrk's own count of answers with a status of 400 or more, which
-- `common.done` prints as `status_errors`.
function common.count_response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        remember(tostring(status) .. " " .. string.sub(body or "", 1, 300))
    end
end

-- Counts an answer outside 2xx, or a 2xx answer without `must_contain` as `unfinished`.
function common.check_response(status, body, must_contain)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        remember(tostring(status) .. " " .. string.sub(body or "", 1, 300))
    elseif must_contain and not string.find(body or "", must_contain, 1, true) then
        unfinished = unfinished + 1
        remember("200 without " .. must_contain .. ": " .. string.sub(body or "", 1, 300))
    end
end

-- Counts an answer as failed for a reason of the script's own (e.g. a Lambda function error).
function common.count_failure(text)
    non2xx = non2xx + 1
    remember(text)
end

-- wrk's `setup`: each thread gets `thread_id` 1, 2, … so that the keys its requests build never collide.
function common.setup(thread)
    table.insert(common.threads, thread)
    thread:set("thread_id", #common.threads)
end

-- Sums a per-thread global over every thread.
function common.total(name)
    local sum = 0
    for _, thread in ipairs(common.threads) do sum = sum + (thread:get(name) or 0) end
    return sum
end

-- wrk's `done`: prints the BENCH summary line (and the first failure, if any).
function common.done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local first = ""
    for _, thread in ipairs(common.threads) do
        local f = thread:get("first_failure")
        if first == "" and f and f ~= "" then first = f end
    end
    local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format(
        "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d unfinished=%d"
        .. " status_errors=%d\n",
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, common.total("non2xx"), socket_errors, common.total("unfinished"),
        summary.errors.status))
    if first ~= "" then
        io.write("BENCH first_failure=" .. string.gsub(first, "\n", " ") .. "\n")
    end
end

return common
