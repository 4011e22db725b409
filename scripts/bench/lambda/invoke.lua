-- wrk: synchronous Invoke of the benchmark function (unsigned SigV4 header: verification is off by default).
wrk.method = "POST"
wrk.path = "/2015-03-31/functions/" .. os.getenv("BENCH_FUNCTION") .. "/invocations"
wrk.body = '{"n": 1}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Amz-Date"] = "20240101T000000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/lambda/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date, Signature=" .. string.rep("0", 64)

function response(status, headers, body)
    if status ~= 200 or headers["X-Amz-Function-Error"] ~= nil then
        io.stderr:write("unexpected answer " .. status .. ": " .. body .. "\n")
        wrk.thread:stop()
    end
end
