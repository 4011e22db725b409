// Stratus console: the dynamodb pages (registered with Console.register; drawn from the console API under /_stratus/console/api/dynamodb).
"use strict";
