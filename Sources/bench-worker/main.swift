import Worker

WorkerMain.main()
