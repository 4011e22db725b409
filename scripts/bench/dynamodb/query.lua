-- wrk script: DynamoDB Query of one seeded partition per request (pk = "seed-<p>", 10 items each, all returned),
-- each thread walking the partitions from its own offset.
-- No `response` function: wrk counts answers of 400 or more (`status_errors`). Environment: TABLE_NAME, SEED_ITEMS.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local table_name = assert(os.getenv("TABLE_NAME"), "TABLE_NAME is not set")
local partitions = math.floor(assert(tonumber(os.getenv("SEED_ITEMS")), "SEED_ITEMS is not set") / 10)
local headers = common.headers("DynamoDB_20120810.Query", "dynamodb")
local counter = 0

function request()
    counter = counter + 1
    local p = (thread_id * 7919 + counter) % partitions
    local body = string.format('{"TableName":"%s","KeyConditionExpression":"pk = :pk",'
        .. '"ExpressionAttributeValues":{":pk":{"S":"seed-%d"}}}', table_name, p)
    return wrk.format("POST", "/", headers, body)
end

setup = common.setup
done = common.done
