package netsim.core;

class QuaternaryHeapEventQueueTest extends EventQueueContractTest {
  @Override
  EventQueue newQueue() {
    return new QuaternaryHeapEventQueue(4);
  }
}
