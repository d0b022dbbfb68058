
…‚
w„£any¤path³s3://bucket/any.bin¥table¤path±s3://bucket/t.csv£dir¤path°s3://bucket/dir/¥parts¤path²s3://bucket/parts/msgpack