// SigV4: parsing, verification, presigned URLs, aws-chunked decoding.
