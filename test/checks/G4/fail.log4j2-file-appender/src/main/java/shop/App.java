package shop;

public final class App {
  public static void main(String[] args) {
    System.out.println("{\"level\":\"info\",\"msg\":\"started\"}");
  }
}
