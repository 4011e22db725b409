-- wrk script: SQS ReceiveMessage (one message, no wait) followed by DeleteMessage of what it received.
-- Each wrk thread keeps the receipt handles its receives returned; the next request of that thread deletes one
-- if any is pending, otherwise it receives. Both kinds of request count in wrk's totals; done() prints how many
-- of each there were (receives minus deletes is about the number of empty receives). Environment: QUEUE_URL.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local queue_url = assert(os.getenv("QUEUE_URL"), "QUEUE_URL is not set")
local pending = {}
local receive_body = string.format('{"QueueUrl":"%s","MaxNumberOfMessages":1,"WaitTimeSeconds":0}', queue_url)
receives, deletes = 0, 0

function request()
    local handle = table.remove(pending)
    if handle then
        deletes = deletes + 1
        local body = string.format('{"QueueUrl":"%s","ReceiptHandle":"%s"}', queue_url, handle)
        return wrk.format("POST", "/", common.headers("AmazonSQS.DeleteMessage", "sqs"), body)
    end
    receives = receives + 1
    return wrk.format("POST", "/", common.headers("AmazonSQS.ReceiveMessage", "sqs"), receive_body)
end

function response(status, headers, body)
    common.count_response(status, headers, body)
    if status ~= 200 or body == nil then return end
    for handle in string.gmatch(body, '"ReceiptHandle"%s*:%s*"([^"]+)"') do
        table.insert(pending, handle)
    end
end

function setup(thread)
    common.setup(thread)
end

function done(summary, latency, requests)
    local r, d = 0, 0
    for _, thread in ipairs(common.threads) do
        r = r + (thread:get("receives") or 0)
        d = d + (thread:get("deletes") or 0)
    end
    common.done(summary, latency, requests)
    io.write(string.format("BENCH receives=%d deletes=%d\n", r, d))
end
