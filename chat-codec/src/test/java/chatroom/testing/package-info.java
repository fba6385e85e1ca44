/** Test support shared by every module's tests: the leak guard and polling waits. */
package chatroom.testing;
