-- Shared by the DynamoDB wrk scripts: request headers, per-thread status counting, and the machine-readable summary
-- line (BENCH requests=… rps=… p50_ms=… p99_ms=… non2xx=… errors=…) that scripts/bench/dynamodb/run.py parses.
local common = {threads = {}}

function common.headers(target)
    local date = os.date("!%Y%m%dT%H%M%SZ")
    return {
        ["Content-Type"] = "application/x-amz-json-1.0",
        ["X-Amz-Target"] = target,
        ["X-Amz-Date"] = date,
        ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/" .. string.sub(date, 1, 8)
            .. "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
            .. string.rep("0", 64),
    }
end

non2xx = 0
first_failure = ""

function common.count_response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if first_failure == "" then
            first_failure = tostring(status) .. " " .. string.sub(body or "", 1, 300)
        end
    end
end

-- Each wrk thread gets a distinct `thread_id` (1, 2, …) so that the keys its requests build never collide with
-- another thread's.
function common.setup(thread)
    table.insert(common.threads, thread)
    thread:set("thread_id", #common.threads)
end

function common.done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local failures, first = 0, ""
    for _, thread in ipairs(common.threads) do
        failures = failures + (thread:get("non2xx") or 0)
        local f = thread:get("first_failure")
        if first == "" and f and f ~= "" then first = f end
    end
    local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("BENCH requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
        summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        failures, socket_errors))
    if first ~= "" then
        io.write("BENCH first_failure=" .. string.gsub(first, "\n", " ") .. "\n")
    end
end

return common
