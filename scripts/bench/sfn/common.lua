-- Shared by the Step Functions wrk scripts: request headers (AWS JSON 1.0, X-Amz-Target AWSStepFunctions.*, a
-- well-formed but unsigned SigV4 Authorization header whose credential scope names the `states` service; neither
-- Stratus (auth off by default) nor moto checks signatures), per-thread counting of failed answers, and the
-- machine-readable summary line (BENCH requests=… rps=… p50_ms=… p99_ms=… non2xx=… errors=… unfinished=…) that
-- scripts/bench/sfn/run.py parses.
local common = {threads = {}}

function common.headers(operation)
    local date = os.date("!%Y%m%dT%H%M%SZ")
    return {
        ["Content-Type"] = "application/x-amz-json-1.0",
        ["X-Amz-Target"] = "AWSStepFunctions." .. operation,
        ["X-Amz-Date"] = date,
        ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/" .. string.sub(date, 1, 8)
            .. "/us-east-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
            .. string.rep("0", 64),
    }
end

non2xx = 0
unfinished = 0
first_failure = ""

-- Counts a non-2xx answer, or a 2xx answer that lacks `must_contain` (when given) as `unfinished`.
function common.count_response(status, body, must_contain)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if first_failure == "" then
            first_failure = tostring(status) .. " " .. string.sub(body or "", 1, 300)
        end
    elseif must_contain and not string.find(body or "", must_contain, 1, true) then
        unfinished = unfinished + 1
        if first_failure == "" then
            first_failure = "200 without " .. must_contain .. ": " .. string.sub(body or "", 1, 300)
        end
    end
end

function common.setup(thread)
    table.insert(common.threads, thread)
end

function common.done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local failures, missing, first = 0, 0, ""
    for _, thread in ipairs(common.threads) do
        failures = failures + (thread:get("non2xx") or 0)
        missing = missing + (thread:get("unfinished") or 0)
        local f = thread:get("first_failure")
        if first == "" and f and f ~= "" then first = f end
    end
    local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format(
        "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d unfinished=%d\n",
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, failures, socket_errors, missing))
    if first ~= "" then
        io.write("BENCH first_failure=" .. string.gsub(first, "\n", " ") .. "\n")
    end
end

return common
