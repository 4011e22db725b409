-- wrk script: synchronous Invoke of the benchmark function (BENCH_FUNCTION); an answer with X-Amz-Function-Error
-- counts as failed. Unsigned SigV4 header: verification is off by default.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local path = "/2015-03-31/functions/" .. assert(os.getenv("BENCH_FUNCTION"), "BENCH_FUNCTION is not set") .. "/invocations"
local headers = {
    ["Content-Type"] = "application/json",
    ["X-Amz-Date"] = "20240101T000000Z",
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/lambda/aws4_request, "
        .. "SignedHeaders=content-type;host;x-amz-date, Signature=" .. string.rep("0", 64),
}

function request()
    return wrk.format("POST", path, headers, '{"n": 1}')
end

function response(status, response_headers, body)
    common.count_response(status, response_headers, body)
    if status == 200 and response_headers["X-Amz-Function-Error"] ~= nil then
        common.count_failure("function error: " .. string.sub(body or "", 1, 300))
    end
end

setup = common.setup
done = common.done
