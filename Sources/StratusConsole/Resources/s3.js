// Stratus console: the s3 pages (registered with Console.register; drawn from the console API under /_stratus/console/api/s3).
"use strict";
