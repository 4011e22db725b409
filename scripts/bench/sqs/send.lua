-- wrk script: SQS SendMessage over the JSON protocol (AWS JSON 1.0, X-Amz-Target AmazonSQS.SendMessage).
-- Environment: QUEUE_URL (required). The Authorization header is well-formed but not a real signature: neither
-- Stratus (auth off) nor moto checks it; both read the credential scope to route to SQS.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local queue_url = assert(os.getenv("QUEUE_URL"), "QUEUE_URL is not set")
local counter = 0

function request()
    counter = counter + 1
    local body = string.format('{"QueueUrl":"%s","MessageBody":"benchmark message %d"}', queue_url, counter)
    return wrk.format("POST", "/", common.headers("AmazonSQS.SendMessage", "sqs"), body)
end

setup = common.setup
response = common.count_response
done = common.done
